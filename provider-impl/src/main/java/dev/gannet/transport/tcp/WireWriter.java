package dev.gannet.transport.tcp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes the primitive values of a frame body in the form {@link WireReader} reads them. */
final class WireWriter {

    private final ByteBuf out;

    WireWriter(ByteBuf out) {
        this.out = out;
    }

    void writeByte(int value) {
        out.writeByte(value);
    }

    void writeBoolean(boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    void writeInt(int value) {
        out.writeInt(value);
    }

    void writeLong(long value) {
        out.writeLong(value);
    }

    void writeString(String value) {
        writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    void writeBytes(byte[] value) {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.writeBytes(value);
        }
    }

    void writeLongs(List<Long> values) {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.size());
        for (Long value : values) {
            out.writeLong(value);
        }
    }
}
