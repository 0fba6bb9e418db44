package dev.gannet.transport.tcp.server;

import dev.gannet.lane.SerialExecutor;
import dev.gannet.log.ThrottledLog;
import dev.gannet.protocol.Command;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.FrameBytes;
import dev.gannet.transport.tcp.FramePipeline;
import dev.gannet.transport.tcp.TcpOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker's end of the handshake, on an {@link EmbeddedChannel} without a broker behind it. */
class HandshakeWireTest {

    private static final TcpOptions OPTIONS = TcpOptions.defaults();

    @Test
    void wrongMagicIsAnsweredWithAFailureAndTheChannelCloses() {
        assertHandshakeRefused(new Frame.HandshakeRequest(0x12345678, Frame.HandshakeRequest.VERSION, null, null,
                null), "not a Gannet client");
    }

    @Test
    void wrongVersionIsAnsweredWithAFailureAndTheChannelCloses() {
        assertHandshakeRefused(new Frame.HandshakeRequest(Frame.HandshakeRequest.MAGIC, 99, null, null, null),
                "protocol version 99 is not supported");
    }

    @Test
    void commandBeforeTheHandshakeClosesTheChannel() {
        EmbeddedChannel server = serverChannel();
        assertDoesNotThrow(() -> server.writeInbound(Unpooled.wrappedBuffer(
                FrameBytes.of(new Frame.CommandFrame(1, new Command.CreateSession(1, false))))));
        assertFalse(server.isOpen());
        assertNull(server.readOutbound());
    }

    private static void assertHandshakeRefused(Frame.HandshakeRequest request, String reason) {
        EmbeddedChannel server = serverChannel();
        assertDoesNotThrow(() -> server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(request))));
        Frame.HandshakeAnswer answer = assertInstanceOf(Frame.HandshakeAnswer.class, written(server));
        assertSame(JMSException.class, answer.failure().toException().getClass());
        assertTrue(answer.failure().message().contains(reason), answer.failure().message());
        assertFalse(server.isOpen());
    }

    private static EmbeddedChannel serverChannel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        // no broker: every test here ends before the handshake reaches it
        FramePipeline.install(channel.pipeline(), OPTIONS,
                new ServerChannelHandler(null, new SerialExecutor(Runnable::run, "test"), new ThrottledLog()));
        return channel;
    }

    /** The one frame the server wrote. */
    private static Frame written(EmbeddedChannel server) {
        List<Frame> frames = new ArrayList<>();
        EmbeddedChannel reader = new EmbeddedChannel();
        FramePipeline.install(reader.pipeline(), OPTIONS, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frames.add((Frame) msg);
            }
        });
        for (Object part; (part = server.readOutbound()) != null; ) {
            reader.writeInbound(part);
        }
        reader.finishAndReleaseAll();
        assertEquals(1, frames.size(), "frames: " + frames);
        return frames.get(0);
    }
}
