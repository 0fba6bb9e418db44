package dev.gannet.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;

/** Frames as the bytes a raw socket test writes. */
public final class FrameBytes {

    private FrameBytes() {
    }

    public static byte[] of(Frame frame) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder());
        channel.writeOutbound(frame);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            byte[] chunk = new byte[part.readableBytes()];
            part.readBytes(chunk);
            part.release();
            bytes.writeBytes(chunk);
        }
        channel.finishAndReleaseAll();
        return bytes.toByteArray();
    }
}
