package dev.gannet.transport.tcp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the primitive values of a frame body, checking every length against the bytes that remain. Nothing read
 * here can make the reader allocate more than the frame holds.
 */
final class WireReader {

    private final ByteBuf in;

    WireReader(ByteBuf in) {
        this.in = in;
    }

    byte readByte() throws MalformedFrameException {
        require(1, "byte");
        return in.readByte();
    }

    boolean readBoolean() throws MalformedFrameException {
        byte value = readByte();
        if (value != 0 && value != 1) {
            throw new MalformedFrameException("boolean must be 0 or 1, not " + value);
        }
        return value == 1;
    }

    int readInt() throws MalformedFrameException {
        require(4, "int");
        return in.readInt();
    }

    long readLong() throws MalformedFrameException {
        require(8, "long");
        return in.readLong();
    }

    /** A length-prefixed UTF-8 string; length -1 stands for null. */
    String readString() throws MalformedFrameException {
        byte[] bytes = readBytes();
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("string is not valid UTF-8");
        }
    }

    /** A length-prefixed byte array; length -1 stands for null. */
    byte[] readBytes() throws MalformedFrameException {
        int length = readLength(1, "byte array");
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /** A count-prefixed list of longs; count -1 stands for null. */
    List<Long> readLongs() throws MalformedFrameException {
        int count = readLength(8, "list of longs");
        if (count < 0) {
            return null;
        }
        List<Long> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readLong());
        }
        return List.copyOf(values);
    }

    /** A count of elements, each at least {@code minElementSize} bytes; -1 for null. */
    int readLength(int minElementSize, String what) throws MalformedFrameException {
        int length = readInt();
        if (length < -1) {
            throw new MalformedFrameException(what + " has negative length " + length);
        }
        if (length > 0 && (long) length * minElementSize > in.readableBytes()) {
            throw new MalformedFrameException(what + " of length " + length + " exceeds the "
                    + in.readableBytes() + " bytes left in the frame");
        }
        return length;
    }

    /** Fails unless the whole body was read. */
    void requireEnd() throws MalformedFrameException {
        if (in.isReadable()) {
            throw new MalformedFrameException(in.readableBytes() + " unexpected bytes at the end of the frame");
        }
    }

    private void require(int bytes, String what) throws MalformedFrameException {
        if (in.readableBytes() < bytes) {
            throw new MalformedFrameException("frame ends inside a " + what);
        }
    }
}
