package dev.gannet.transport.tcp;

import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Answer;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.Opened;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.protocol.XaError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame codec on {@link EmbeddedChannel}s: round trips, exact bytes, and bad input closing the channel. */
class FrameCodecTest {

    private static final GannetDestination QUEUE = GannetDestination.of(DestinationKind.QUEUE, "orders");
    private static final BranchId XID = new BranchId(4660, new byte[] {1, 2, 3}, new byte[] {9});
    private static final GannetDestination TEMP_TOPIC = GannetDestination.of(DestinationKind.TEMPORARY_TOPIC, "t-1");
    private static final TcpOptions OPTIONS = TcpOptions.defaults();

    static List<Command> everyCommand() {
        OutboundMessage message = new OutboundMessage(QUEUE, true, 7, 1234L, 5678L, "group-é", new byte[] {1, 2, 3});
        return List.of(
                new Command.Open("client-ü", "user", "secret"),
                new Command.Open(null, null, null),
                new Command.SetClientId("id"),
                new Command.Close(),
                new Command.Start(),
                new Command.Stop(),
                new Command.ReturnPrefetched(3, List.of(4L, 5L)),
                new Command.CreateSession(3, true),
                new Command.CloseSession(3, List.of(1L, 2L, Long.MAX_VALUE)),
                new Command.CloseSession(3, List.of()),
                new Command.CreateConsumer(3, 4, QUEUE, "color = 'red'", false, null, 1000),
                new Command.CreateConsumer(3, 5, TEMP_TOPIC, null, true, new SubscriptionSpec("sub", true, true), 1),
                new Command.CreateConsumer(3, 6, TEMP_TOPIC, "", true, SubscriptionSpec.PRIVATE, 1),
                new Command.CloseConsumer(3, 4, List.of()),
                new Command.Credit(3, 4, 10),
                new Command.Send(3, message),
                new Command.Send(3, new OutboundMessage(TEMP_TOPIC, false, 0, 0, 0, null, new byte[0])),
                new Command.Acknowledge(3, List.of(9L)),
                new Command.Recover(3, List.of(1L)),
                new Command.Commit(3, List.of()),
                new Command.Rollback(3, List.of(5L, 6L)),
                new Command.CreateTemporary(true),
                new Command.DeleteTemporary(GannetDestination.of(DestinationKind.TEMPORARY_QUEUE, "tq")),
                new Command.CheckDestination(QUEUE),
                new Command.Unsubscribe("durable-1"),
                new Command.Browse(3, 7, QUEUE, "x > 1", 100),
                new Command.BrowseNext(3, 7),
                new Command.CloseBrowse(3, 7),
                new Command.XaStart(3, XID, XAResource.TMJOIN, 30),
                new Command.XaEnd(3, XID, XAResource.TMSUSPEND, List.of(4L, 5L)),
                new Command.XaPrepare(XID),
                new Command.XaCommit(XID, true),
                new Command.XaRollback(new BranchId(0, new byte[64], new byte[0])),
                new Command.XaForget(XID),
                new Command.XaRecover());
    }

    @Test
    void theSamplesCoverEveryCommandType() {
        Set<Class<?>> sampled = everyCommand().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(Command.class.getPermittedSubclasses()), sampled);
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandRoundTrips(Command<?> command) {
        Frame.CommandFrame decoded = assertInstanceOf(Frame.CommandFrame.class,
                roundTrip(new Frame.CommandFrame(42, command)));
        assertEquals(42, decoded.correlationId());
        assertDeepEquals(command, decoded.command());
    }

    @Test
    void createSessionHasItsDocumentedBytes() {
        byte[] fixture = hex("0000000f" + "03" + "0000000000000007" + "04" + "00000003" + "01");
        assertArrayEquals(fixture, encode(new Frame.CommandFrame(7, new Command.CreateSession(3, true))));
        assertEquals(new Frame.CommandFrame(7, new Command.CreateSession(3, true)), decodeOne(fixture));
    }

    @Test
    void heartbeatHasItsDocumentedBytes() {
        byte[] fixture = hex("00000009" + "06" + "0000000000000000");
        assertArrayEquals(fixture, encode(new Frame.Heartbeat()));
    }

    @Test
    void handshakeRoundTrips() {
        Frame.HandshakeRequest request = Frame.HandshakeRequest.of("client", "user", null);
        assertEquals(request, roundTrip(request));
        assertEquals(new Frame.HandshakeAnswer(1, null, new Opened(false)),
                roundTrip(new Frame.HandshakeAnswer(1, null, new Opened(false))));
        assertEquals(Frame.HandshakeAnswer.accepted(new Opened(true)),
                roundTrip(Frame.HandshakeAnswer.accepted(new Opened(true))));
        Frame.HandshakeAnswer refused = assertInstanceOf(Frame.HandshakeAnswer.class, roundTrip(
                Frame.HandshakeAnswer.refused(WireError.of(new jakarta.jms.InvalidClientIDException("taken", "E1")))));
        assertNull(refused.opened());
        assertEquals(new WireError(ExceptionKind.INVALID_CLIENT_ID, "taken", "E1"), refused.failure());
    }

    @Test
    void deliveryRoundTrips() {
        Delivery delivery = new Delivery(1, 2, 3L, 4L, 5, "payload".getBytes(StandardCharsets.UTF_8));
        Frame.DeliveryFrame decoded = assertInstanceOf(Frame.DeliveryFrame.class,
                roundTrip(new Frame.DeliveryFrame(delivery)));
        assertDeepEquals(delivery, decoded.delivery());
    }

    @Test
    void deliveryIsItsHeaderFollowedByTheMessageBytesThemselves() {
        byte[] message = {7, 8, 9};
        EmbeddedChannel channel = channel(OPTIONS, new ArrayList<>());
        channel.writeOutbound(new Frame.DeliveryFrame(new Delivery(1, 2, 3L, 4L, 5, message)));
        ByteBuf header = channel.readOutbound();
        ByteBuf body = channel.readOutbound();
        assertNull(channel.readOutbound());
        assertArrayEquals(hex("0000002c" + "05" + "0000000000000000" + "00000001" + "00000002" + "0000000000000003"
                + "0000000000000004" + "00000005" + "00000003"), bytes(header));
        assertTrue(body.hasArray());
        assertSame(message, body.array(), "the message is not copied, whatever the number of subscribers");
        assertEquals(3, body.readableBytes());
        body.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void repliesHaveTheirDocumentedBytes() {
        byte[] nothing = hex("0000000a" + "04" + "0000000000000007" + "00");
        assertArrayEquals(nothing, encode(Frame.Reply.answered(7, Answer.NONE, null)));
        assertEquals(Frame.Reply.answered(7, Answer.NONE, null), decodeOne(nothing));
        byte[] generation = hex("00000012" + "04" + "0000000000000007" + "01" + "0000000000000005");
        assertArrayEquals(generation, encode(Frame.Reply.answered(7, Answer.GENERATION, 5L)));
        assertEquals(Frame.Reply.answered(7, Answer.GENERATION, 5L), decodeOne(generation));
    }

    @Test
    void repliesRoundTripEachAnswerType() {
        assertNull(reply(Answer.NONE, null).answer());
        assertEquals(17L, reply(Answer.GENERATION, 17L).answer());
        GannetDestination temporary = GannetDestination.of(DestinationKind.TEMPORARY_QUEUE, "tmp-1");
        GannetDestination answered = (GannetDestination) reply(Answer.DESTINATION, temporary).answer();
        assertEquals(temporary, answered);
        assertEquals(DestinationKind.TEMPORARY_QUEUE, answered.kind());
        List<?> browsed = (List<?>) reply(Answer.MESSAGES, List.of(new byte[] {1}, new byte[0])).answer();
        assertEquals(2, browsed.size());
        assertArrayEquals(new byte[] {1}, (byte[]) browsed.get(0));
        assertArrayEquals(new byte[0], (byte[]) browsed.get(1));
        assertEquals(List.of(), reply(Answer.MESSAGES, List.of()).answer());
        assertEquals(XAResource.XA_RDONLY, reply(Answer.VOTE, XAResource.XA_RDONLY).answer());
        assertEquals(List.of(XID, new BranchId(-2, new byte[] {1}, new byte[64])),
                reply(Answer.BRANCHES, List.of(XID, new BranchId(-2, new byte[] {1}, new byte[64]))).answer());
        assertEquals(List.of(), reply(Answer.BRANCHES, List.of()).answer());
    }

    @Test
    void anXaFailureKeepsItsXaErrorCode() {
        JMSException original = XaError.of(XAException.XAER_NOTA, "XaCommit: no branch " + XID);
        JMSException rebuilt = assertInstanceOf(Frame.Reply.class,
                roundTrip(Frame.Reply.failed(5, WireError.of(original)))).failure().toException();
        assertEquals(XAException.XAER_NOTA, XaError.code(rebuilt));
        assertEquals(original.getMessage(), rebuilt.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ExceptionKind.class)
    void failuresKeepTheirExceptionClassMessageAndErrorCode(ExceptionKind kind) {
        JMSException original = kind.create("Queue orders: rule broken", "GANNET-7");
        Frame.Reply decoded = assertInstanceOf(Frame.Reply.class,
                roundTrip(Frame.Reply.failed(5, WireError.of(original))));
        JMSException rebuilt = decoded.failure().toException();
        assertSame(original.getClass(), rebuilt.getClass());
        assertEquals("Queue orders: rule broken", rebuilt.getMessage());
        assertEquals("GANNET-7", rebuilt.getErrorCode());
    }

    @Test
    void unlistedFailuresTravelAsTheirNearestListedType() {
        JMSException subclass = new InvalidDestinationException("gone") {
        };
        assertEquals(ExceptionKind.INVALID_DESTINATION, WireError.of(subclass).kind());
        assertEquals(ExceptionKind.MESSAGE_NOT_WRITEABLE, WireError.of(new MessageNotWriteableException("ro")).kind());
        WireError runtime = WireError.of(new java.util.concurrent.CompletionException(new NullPointerException("x")));
        assertEquals(ExceptionKind.JMS, runtime.kind());
    }

    // ---- bad input: the channel closes, the pipeline does not throw, nothing reaches the protocol handler

    @Test
    void unknownFrameTypeClosesTheChannel() {
        assertClosedBy(hex("00000009" + "63" + "0000000000000000"));
    }

    @Test
    void unknownCommandTypeClosesTheChannel() {
        assertClosedBy(hex("0000000a" + "03" + "0000000000000001" + "7f"));
    }

    @Test
    void stringLongerThanItsFrameClosesTheChannel() {
        // SetClientId whose string claims 100 bytes but the frame holds 2
        assertClosedBy(hex("00000010" + "03" + "0000000000000001" + "02" + "00000064" + "6869"));
    }

    @Test
    void frameShorterThanItsHeaderClosesTheChannel() {
        assertClosedBy(hex("00000003" + "030000"));
    }

    @Test
    void trailingBytesCloseTheChannel() {
        assertClosedBy(hex("0000000a" + "06" + "0000000000000000" + "00"));
    }

    @Test
    void invalidUtf8ClosesTheChannel() {
        assertClosedBy(hex("0000000f" + "03" + "0000000000000001" + "02" + "00000001" + "ff"));
    }

    @Test
    void hugeListCountClosesTheChannel() {
        assertClosedBy(hex("00000012" + "03" + "0000000000000001" + "0a" + "00000001" + "7fffffff"));
    }

    @Test
    void garbageBytesCloseTheChannel() {
        assertClosedBy("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void negativeLengthClosesTheChannel() {
        assertClosedBy(hex("ffffffff" + "06" + "0000000000000000"));
    }

    @Test
    void oversizedLengthClosesTheChannelBeforeTheBodyArrives() {
        List<Object> received = new ArrayList<>();
        EmbeddedChannel channel = channel(OPTIONS.withMaxFrameSize(16), received);
        // a 17-byte body announced: one byte over the limit
        assertDoesNotThrow(() -> channel.writeInbound(Unpooled.wrappedBuffer(hex("0000001a" + "03"))));
        assertFalse(channel.isOpen());
        assertTrue(received.isEmpty());
        assertDoesNotThrow(channel::checkException);
    }

    @Test
    void frameBodyOfExactlyTheLimitIsAccepted() {
        // a delivery with an empty message has a 32-byte body: 4 + 4 + 8 + 8 + 4 + 4
        byte[] bytes = encode(new Frame.DeliveryFrame(new Delivery(1, 1, 1, 1, 1, new byte[0])));
        List<Object> received = new ArrayList<>();
        EmbeddedChannel atLimit = channel(OPTIONS.withMaxFrameSize(32), received);
        atLimit.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertTrue(atLimit.isOpen());
        assertEquals(1, received.size());
        EmbeddedChannel belowLimit = channel(OPTIONS.withMaxFrameSize(31), received);
        assertDoesNotThrow(() -> belowLimit.writeInbound(Unpooled.wrappedBuffer(bytes)));
        assertFalse(belowLimit.isOpen());
        assertEquals(1, received.size());
    }

    @Test
    void bytesAfterAMalformedFrameAreDiscarded() {
        List<Object> received = new ArrayList<>();
        EmbeddedChannel channel = channel(OPTIONS, received);
        byte[] bad = hex("00000009" + "63" + "0000000000000000");
        byte[] good = encode(new Frame.Heartbeat());
        byte[] both = new byte[bad.length + good.length + good.length];
        System.arraycopy(bad, 0, both, 0, bad.length);
        System.arraycopy(good, 0, both, bad.length, good.length);
        assertDoesNotThrow(() -> channel.writeInbound(Unpooled.wrappedBuffer(both)));
        assertFalse(channel.isOpen());
        assertTrue(received.isEmpty());
    }

    @Test
    void oneWayFramesRoundTrip() {
        Command.Send send = new Command.Send(1, new OutboundMessage(QUEUE, false, 4, 0, 0, null, new byte[] {1, 2, 3}));
        Frame.OneWaySend oneWay = assertInstanceOf(Frame.OneWaySend.class, roundTrip(new Frame.OneWaySend(send)));
        assertEquals(QUEUE, oneWay.send().message().destination());
        assertEquals(send.message().encoded().length, oneWay.send().message().encoded().length);
        assertEquals(new Frame.SendsProcessed(500, 123_456L), roundTrip(new Frame.SendsProcessed(500, 123_456L)));
        Frame.SendFailure failure = assertInstanceOf(Frame.SendFailure.class, roundTrip(
                new Frame.SendFailure(WireError.of(new InvalidDestinationException("gone", "E7")))));
        assertEquals(new WireError(ExceptionKind.INVALID_DESTINATION, "gone", "E7"), failure.reason());
    }

    @Test
    void oneWayFrameCarryingAnotherCommandClosesTheChannel() {
        byte[] commit = encode(new Frame.CommandFrame(0, new Command.Commit(1, List.of())));
        commit[4] = FrameType.ONE_WAY_SEND; // after the length prefix: the type byte
        assertClosedBy(commit);
    }

    @Test
    void oneWayAcknowledgementFramesRoundTrip() {
        Command.Acknowledge acknowledge = new Command.Acknowledge(3, List.of(7L, 8L));
        assertEquals(new Frame.OneWayAcknowledge(acknowledge), roundTrip(new Frame.OneWayAcknowledge(acknowledge)));
        Frame.AcknowledgeFailure failure = assertInstanceOf(Frame.AcknowledgeFailure.class, roundTrip(
                new Frame.AcknowledgeFailure(WireError.of(new jakarta.jms.IllegalStateException("closed", "E3")))));
        assertEquals(new WireError(ExceptionKind.ILLEGAL_STATE, "closed", "E3"), failure.reason());
    }

    @Test
    void oneWayAcknowledgementHasItsDocumentedBytes() {
        byte[] fixture = hex("0000001a" + "0b" + "0000000000000000" + "0a" + "00000003" + "00000001"
                + "0000000000000007");
        assertArrayEquals(fixture, encode(new Frame.OneWayAcknowledge(new Command.Acknowledge(3, List.of(7L)))));
    }

    @Test
    void oneWayAcknowledgementFrameCarryingAnotherCommandClosesTheChannel() {
        byte[] commit = encode(new Frame.CommandFrame(0, new Command.Commit(1, List.of())));
        commit[4] = FrameType.ONE_WAY_ACKNOWLEDGE;
        assertClosedBy(commit);
        byte[] send = encode(new Frame.OneWaySend(new Command.Send(1,
                new OutboundMessage(QUEUE, false, 4, 0, 0, null, new byte[] {1}))));
        send[4] = FrameType.ONE_WAY_ACKNOWLEDGE;
        assertClosedBy(send);
    }

    @Test
    void invalidOneWayAcknowledgementIsDecodedAsInvalidNotMalformed() {
        Frame.Invalid invalid = assertInstanceOf(Frame.Invalid.class,
                roundTrip(new Frame.OneWayAcknowledge(new Command.Acknowledge(1, List.of(-1L)))));
        assertTrue(invalid.oneWay());
        assertEquals(0, invalid.correlationId());
        assertTrue(invalid.reason().getMessage().contains("delivery id -1 is not positive"),
                invalid.reason().getMessage());
    }

    @Test
    void idleWriterSendsHeartbeatAndSilentPeerIsClosed() {
        List<Object> received = new ArrayList<>();
        EmbeddedChannel channel = channel(OPTIONS, received);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        assertArrayEquals(hex("00000009" + "06" + "0000000000000000"), written(channel));
        assertTrue(channel.isOpen());
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertFalse(channel.isOpen());
    }

    @Test
    void incomingHeartbeatsStopAtTheHeartbeatHandler() {
        List<Object> received = new ArrayList<>();
        EmbeddedChannel channel = channel(OPTIONS, received);
        channel.writeInbound(Unpooled.wrappedBuffer(encode(new Frame.Heartbeat())));
        assertTrue(channel.isOpen());
        assertTrue(received.isEmpty());
    }

    // ---- helpers

    private static void assertClosedBy(byte[] input) {
        List<Object> received = new ArrayList<>();
        EmbeddedChannel channel = channel(OPTIONS, received);
        assertDoesNotThrow(() -> channel.writeInbound(Unpooled.wrappedBuffer(input)));
        assertFalse(channel.isOpen(), "channel should be closed");
        assertTrue(received.isEmpty(), "nothing should reach the protocol handler: " + received);
        assertDoesNotThrow(channel::checkException);
    }

    /** A channel with the full shared pipeline; frames reaching the protocol handler land in {@code received}. */
    private static EmbeddedChannel channel(TcpOptions options, List<Object> received) {
        EmbeddedChannel channel = new EmbeddedChannel();
        FramePipeline.install(channel.pipeline(), options, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
            }
        });
        return channel;
    }

    private static Frame roundTrip(Frame frame) {
        return decodeOne(encode(frame));
    }

    private static <A> Frame.Reply reply(Answer<A> type, A answer) {
        Frame.Reply decoded = assertInstanceOf(Frame.Reply.class, roundTrip(Frame.Reply.answered(9, type, answer)));
        assertEquals(9, decoded.correlationId());
        assertNull(decoded.failure());
        assertSame(type, decoded.type());
        return decoded;
    }

    private static byte[] encode(Frame frame) {
        EmbeddedChannel channel = channel(OPTIONS, new ArrayList<>());
        channel.writeOutbound(frame);
        return written(channel);
    }

    /** Everything the channel wrote (a delivery comes as two buffers: its header and its message). */
    private static byte[] written(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            all.writeBytes(part);
            part.release();
        }
        return bytes(all);
    }

    private static Frame decodeOne(byte[] bytes) {
        List<Object> received = new ArrayList<>();
        EmbeddedChannel channel = channel(OPTIONS, received);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertTrue(channel.isOpen(), "channel closed on " + HexFormat.of().formatHex(bytes));
        assertEquals(1, received.size());
        return (Frame) received.get(0);
    }

    private static byte[] bytes(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        buffer.release();
        return bytes;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Equality of records that may hold byte arrays. */
    private static void assertDeepEquals(Object expected, Object actual) {
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual);
        } else if (expected != null && expected.getClass().isRecord()) {
            assertSame(expected.getClass(), actual.getClass());
            for (RecordComponent component : expected.getClass().getRecordComponents()) {
                try {
                    assertDeepEquals(component.getAccessor().invoke(expected), component.getAccessor().invoke(actual));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else {
            assertEquals(expected, actual, () -> expected + " vs " + actual + " "
                    + Arrays.toString(new Object[] {expected, actual}));
        }
    }
}
