package dev.gannet.transport.tcp;

import dev.gannet.message.GannetDestination;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome in a reply: the answer of a command (a tag, then the value) or a failure, and the failures carried
 * by handshake answers and connection-failure notices.
 */
final class AnswerCodec {

    private static final int NONE = 0;
    private static final int LONG = 1;
    private static final int DESTINATION = 2;
    private static final int BYTE_ARRAYS = 3;
    private static final int FAILURE = 4;

    private AnswerCodec() {
    }

    static void writeOutcome(Object answer, WireError failure, WireWriter out) {
        if (failure != null) {
            out.writeByte(FAILURE);
            writeError(failure, out);
        } else if (answer == null) {
            out.writeByte(NONE);
        } else if (answer instanceof Long value) {
            out.writeByte(LONG);
            out.writeLong(value);
        } else if (answer instanceof GannetDestination destination) {
            out.writeByte(DESTINATION);
            CommandCodec.writeDestination(destination, out);
        } else if (answer instanceof List<?> list) {
            out.writeByte(BYTE_ARRAYS);
            out.writeInt(list.size());
            for (Object element : list) {
                out.writeBytes((byte[]) element);
            }
        } else {
            throw new IllegalArgumentException("No wire form for an answer of type " + answer.getClass().getName());
        }
    }

    static Frame.Reply readReply(long correlationId, WireReader in) throws MalformedFrameException {
        int tag = in.readByte();
        return switch (tag) {
            case NONE -> new Frame.Reply(correlationId, null, null);
            case LONG -> new Frame.Reply(correlationId, in.readLong(), null);
            case DESTINATION -> new Frame.Reply(correlationId, CommandCodec.readDestination(in), null);
            case BYTE_ARRAYS -> new Frame.Reply(correlationId, readByteArrays(in), null);
            case FAILURE -> new Frame.Reply(correlationId, null, readError(in));
            default -> throw new MalformedFrameException("unknown answer tag " + tag);
        };
    }

    static void writeError(WireError error, WireWriter out) {
        out.writeByte(error.kind().code);
        out.writeString(error.message());
        out.writeString(error.errorCode());
    }

    static WireError readError(WireReader in) throws MalformedFrameException {
        int code = in.readByte();
        ExceptionKind kind = ExceptionKind.byCode(code);
        if (kind == null) {
            throw new MalformedFrameException("unknown exception kind " + code);
        }
        return new WireError(kind, in.readString(), in.readString());
    }

    /** A failure that may be absent: a presence flag, then the failure. */
    static void writeOptionalError(WireError error, WireWriter out) {
        out.writeBoolean(error != null);
        if (error != null) {
            writeError(error, out);
        }
    }

    static WireError readOptionalError(WireReader in) throws MalformedFrameException {
        return in.readBoolean() ? readError(in) : null;
    }

    private static List<byte[]> readByteArrays(WireReader in) throws MalformedFrameException {
        int count = in.readLength(4, "list of byte arrays");
        if (count < 0) {
            throw new MalformedFrameException("list of byte arrays is null");
        }
        List<byte[]> arrays = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            arrays.add(in.readBytes());
        }
        return arrays;
    }
}
