package dev.gannet.transport.tcp.server;

import dev.gannet.api.BrokerConfig;
import dev.gannet.broker.Broker;
import dev.gannet.lane.SerialExecutor;
import dev.gannet.log.ThrottledLog;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.FrameBytes;
import dev.gannet.transport.tcp.FramePipeline;
import dev.gannet.transport.tcp.SendWindowLimits;
import dev.gannet.transport.tcp.TcpOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-way sends on the wire, the broker's side of the send window, and one-way acknowledgements: on an
 * {@link EmbeddedChannel} whose command lane the test runs by hand.
 */
@Timeout(60)
class OneWaySendWireTest {

    private static final TcpOptions OPTIONS = TcpOptions.defaults();
    private static final GannetDestination QUEUE = GannetDestination.of(DestinationKind.QUEUE, "orders");
    private static final int SESSION = 1;

    @TempDir
    Path dataDirectory;
    private Broker broker;
    private final ArrayDeque<Runnable> lane = new ArrayDeque<>();
    private EmbeddedChannel server;

    @BeforeEach
    void openServerChannel() {
        broker = Broker.start(new BrokerConfig("one-way-" + System.nanoTime(), dataDirectory));
        server = new EmbeddedChannel();
        FramePipeline.install(server.pipeline(), OPTIONS,
                new ServerChannelHandler(broker, new SerialExecutor(lane::add, "test lane"), new ThrottledLog()));
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(Frame.HandshakeRequest.of(null, null, null))));
        runLane();
        assertNull(assertInstanceOf(Frame.HandshakeAnswer.class, single(written())).failure());
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.CommandFrame(7,
                new Command.CreateSession(SESSION, false)))));
        runLane();
        assertEquals(7, assertInstanceOf(Frame.Reply.class, single(written())).correlationId());
    }

    @AfterEach
    void close() {
        server.finishAndReleaseAll();
        broker.close();
    }

    // ---- the broker's side of the window

    @Test
    void oneWaySendsAreNeverAnsweredAndReportedProcessedAtHalfTheWindow() {
        int half = SendWindowLimits.MAX_SENDS / 2;
        Command.Send send = send(QUEUE, 10);
        for (int i = 0; i < half - 1; i++) {
            server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(send))));
        }
        runLane();
        assertEquals(List.of(), written(), "no answer, no report before half the window");
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(send))));
        runLane();
        assertEquals(List.of(new Frame.SendsProcessed(half, (long) half * SendWindowLimits.weight(send))), written());
    }

    @Test
    void clientSendingBeyondItsWindowIsDisconnected() {
        Command.Send send = send(QUEUE, 10);
        for (int i = 0; i < SendWindowLimits.MAX_SENDS; i++) {
            server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(send))));
        }
        assertTrue(server.isOpen(), "a full window is allowed while the broker has not processed it");
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(send))));
        assertFalse(server.isOpen());
    }

    @Test
    void clientMayGoOnOnceTheBrokerReportedProcessedSends() {
        Command.Send send = send(QUEUE, 10);
        for (int i = 0; i < SendWindowLimits.MAX_SENDS; i++) {
            server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(send))));
        }
        runLane();
        assertEquals(2, written().size(), "two reports of half the window each");
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(send))));
        assertTrue(server.isOpen());
    }

    @Test
    void largeMessagesAreBoundedByBytes() {
        Command.Send large = send(QUEUE, (int) (SendWindowLimits.MAX_BYTES / 2));
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(large))));
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(large))));
        assertTrue(server.isOpen(), "below the byte limit until the second one arrived");
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(large))));
        assertFalse(server.isOpen());
    }

    @Test
    void failedOneWaySendOfAPlainSessionComesBackAsASendFailure() {
        GannetDestination gone = GannetDestination.of(DestinationKind.TEMPORARY_QUEUE, "temp-queue-gone");
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWaySend(send(gone, 1)))));
        runLane();
        Frame.SendFailure failure = assertInstanceOf(Frame.SendFailure.class, single(written()));
        assertTrue(failure.reason().message().contains("a send to temporary queue temp-queue-gone failed: "),
                failure.reason().message());
        assertTrue(server.isOpen(), "the connection stays open");
    }

    // ---- acknowledgements nobody waits for

    @Test
    void oneWayAcknowledgementIsNotAnsweredAndALaterReplyFollowsIt() {
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWayAcknowledge(
                new Command.Acknowledge(SESSION, List.of(41L, 42L))))));
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.CommandFrame(8,
                new Command.Recover(SESSION, List.of())))));
        runLane();
        Frame.Reply reply = assertInstanceOf(Frame.Reply.class, single(written()), "only the recover is answered");
        assertEquals(8, reply.correlationId());
        assertNull(reply.failure());
    }

    @Test
    void failedOneWayAcknowledgementComesBackAsAnAcknowledgeFailure() {
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWayAcknowledge(
                new Command.Acknowledge(99, List.of(5L))))));
        runLane();
        Frame.AcknowledgeFailure failure = assertInstanceOf(Frame.AcknowledgeFailure.class, single(written()));
        assertTrue(failure.reason().message().startsWith("Session 99: acknowledgement of deliveries [5] failed: "),
                failure.reason().message());
        assertTrue(server.isOpen(), "the connection stays open");
    }

    @Test
    void invalidOneWayAcknowledgementIsRefusedWithItsReasonAndTheConnectionStaysOpen() {
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.OneWayAcknowledge(
                new Command.Acknowledge(SESSION, List.of(0L))))));
        runLane();
        Frame.AcknowledgeFailure failure = assertInstanceOf(Frame.AcknowledgeFailure.class, single(written()));
        assertTrue(failure.reason().message().contains("Acknowledge: delivery id 0 is not positive"),
                failure.reason().message());
        assertTrue(server.isOpen());
        server.writeInbound(Unpooled.wrappedBuffer(FrameBytes.of(new Frame.CommandFrame(9,
                new Command.Recover(SESSION, List.of())))));
        runLane();
        assertEquals(9, assertInstanceOf(Frame.Reply.class, single(written())).correlationId());
    }

    // ---- helpers

    /** A non-persistent send of a text message whose body has {@code length} characters. */
    private static Command.Send send(GannetDestination destination, int length) {
        byte[] encoded = MessageCodec.encode(new GannetTextMessage("x".repeat(length)));
        return new Command.Send(SESSION, new OutboundMessage(destination, false, 4, 0, 0, null, encoded));
    }

    /** Runs the connection's lane until it is idle, then the channel's pending writes. */
    private void runLane() {
        for (Runnable task; (task = lane.poll()) != null; ) {
            task.run();
        }
        server.runPendingTasks();
    }

    /** The frames the server wrote since the last call. */
    private List<Frame> written() {
        server.runPendingTasks();
        List<Frame> frames = new ArrayList<>();
        EmbeddedChannel reader = decoder(frames);
        for (Object part; (part = server.readOutbound()) != null; ) {
            reader.writeInbound(part);
        }
        reader.finishAndReleaseAll();
        return frames;
    }

    private static Frame single(List<Frame> frames) {
        assertEquals(1, frames.size(), "frames: " + frames);
        return frames.get(0);
    }

    private static EmbeddedChannel decoder(List<Frame> frames) {
        EmbeddedChannel channel = new EmbeddedChannel();
        FramePipeline.install(channel.pipeline(), OPTIONS, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frames.add((Frame) msg);
            }
        });
        return channel;
    }

    private static Frame decode(byte[] bytes) {
        List<Frame> frames = new ArrayList<>();
        EmbeddedChannel channel = decoder(frames);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.finishAndReleaseAll();
        return single(frames);
    }
}
