package dev.gannet.transport.tcp;

import dev.gannet.api.Limits;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.CommandValidator;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import jakarta.jms.JMSException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, properties of the frame decoder: whatever bytes arrive, it answers a frame (a command it checked, an
 * {@link Frame.Invalid} command, or {@link Frame.Malformed}) and never throws; and every valid command survives
 * encoding and decoding unchanged.
 */
class FrameDecoderPropertyTest {

    @Property(tries = 2000)
    void anyFrameBodyDecodesToAFrameOrAClearMalformedResult(@ForAll("frameBodies") byte[] body) {
        Frame frame = decodeBody(body);
        if (frame instanceof Frame.CommandFrame command) {
            assertDoesNotThrow(() -> CommandValidator.check(command.command()), "a decoded command is valid");
        } else if (frame instanceof Frame.OneWaySend send) {
            assertDoesNotThrow(() -> CommandValidator.check(send.send()), "a decoded send is valid");
        } else if (frame instanceof Frame.Invalid invalid) {
            assertTrue(invalid.reason().getMessage() != null && !invalid.reason().getMessage().isEmpty());
        } else if (frame instanceof Frame.Malformed malformed) {
            assertTrue(malformed.reason() != null && !malformed.reason().isEmpty());
        }
    }

    @Property(tries = 500)
    void anyByteStreamLeavesThePipelineOpenWithFramesOrClosedWithoutThrowing(
            @ForAll @Size(max = 300) List<@Size(max = 64) byte[]> chunks) {
        EmbeddedChannel channel = pipeline(new ArrayList<>());
        for (byte[] chunk : chunks) {
            if (!channel.isOpen()) {
                break; // a closed channel reads no more
            }
            assertDoesNotThrow(() -> channel.writeInbound(Unpooled.wrappedBuffer(chunk)));
        }
        assertDoesNotThrow(channel::checkException);
        channel.finishAndReleaseAll();
    }

    @Property(tries = 1000)
    void everyValidCommandRoundTrips(@ForAll("validCommands") Command<?> command) throws JMSException {
        CommandValidator.check(command);
        byte[] encoded = encode(new Frame.CommandFrame(7, command));
        Frame.CommandFrame decoded = assertInstanceOf(Frame.CommandFrame.class, decodeWhole(encoded));
        assertEquals(7, decoded.correlationId());
        assertEquals(command.getClass(), decoded.command().getClass());
        assertArrayEquals(encoded, encode(decoded), "decoding and encoding again gives the same bytes");
    }

    @Property(tries = 1000)
    void mutatedValidCommandsDecodeToAFrameOrAClearMalformedResult(@ForAll("validCommands") Command<?> command,
                                                                    @ForAll("mutations") List<int[]> mutations) {
        byte[] body = body(encode(new Frame.CommandFrame(7, command)));
        for (int[] mutation : mutations) {
            int at = Math.floorMod(mutation[0], Math.max(1, body.length));
            if (mutation[1] < 0) {
                body = java.util.Arrays.copyOf(body, at); // truncate
            } else if (body.length > 0) {
                body[at] = (byte) mutation[1];
            }
        }
        decodeBody(body);
    }

    // ---- generators

    @Provide
    Arbitrary<byte[]> frameBodies() {
        Arbitrary<Byte> type = Arbitraries.bytes().between((byte) 0, (byte) 11);
        Arbitrary<Byte> commandType = Arbitraries.bytes().between((byte) 0, (byte) 20);
        Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> structured = Combinators.combine(type, Arbitraries.longs(), commandType, rest)
                .as((t, correlation, c, tail) -> {
                    ByteBuf buffer = Unpooled.buffer();
                    buffer.writeByte(t).writeLong(correlation).writeByte(c).writeBytes(tail);
                    byte[] bytes = new byte[buffer.readableBytes()];
                    buffer.readBytes(bytes);
                    return bytes;
                });
        return Arbitraries.oneOf(structured, Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> one = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(-1, 255)).as((at, value) -> new int[] {at, value});
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Command> validCommands() {
        Arbitrary<Integer> id = Arbitraries.integers().between(1, Integer.MAX_VALUE);
        Arbitrary<List<Long>> ids = Arbitraries.longs().between(1, Long.MAX_VALUE).list().ofMaxSize(20);
        Arbitrary<String> optionalText = text(60).injectNull(0.3);
        Arbitrary<GannetDestination> destination = destinations();
        Arbitrary<GannetDestination> queue = Combinators.combine(
                Arbitraries.of(DestinationKind.QUEUE, DestinationKind.TEMPORARY_QUEUE), name())
                .as(GannetDestination::of);
        Arbitrary<GannetDestination> temporary = Combinators.combine(
                Arbitraries.of(DestinationKind.TEMPORARY_QUEUE, DestinationKind.TEMPORARY_TOPIC), name())
                .as(GannetDestination::of);
        Arbitrary<Integer> prefetch = Arbitraries.integers().between(1, Limits.MAX_PREFETCH);
        Arbitrary<OutboundMessage> message = Combinators.combine(destination, Arbitraries.of(true, false),
                Arbitraries.integers().between(Limits.MIN_PRIORITY, Limits.MAX_PRIORITY),
                Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0), optionalText,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100))
                .as(OutboundMessage::new);
        Arbitrary<Command> createConsumer = Combinators.combine(id, id, destination, optionalText,
                Arbitraries.of(true, false), subscriptions(), prefetch)
                .as(Command.CreateConsumer::new);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(name().injectNull(0.3), optionalText, optionalText).as(Command.Open::new),
                name().map(Command.SetClientId::new),
                Arbitraries.just(new Command.Close()),
                Combinators.combine(id, Arbitraries.of(true, false)).as(Command.CreateSession::new),
                Combinators.combine(id, ids).as(Command.CloseSession::new),
                createConsumer,
                Combinators.combine(id, id, ids).as(Command.CloseConsumer::new),
                Combinators.combine(id, id, prefetch).as(Command.Credit::new),
                Combinators.combine(id, message).as(Command.Send::new),
                Combinators.combine(id, ids).as(Command.Acknowledge::new),
                Combinators.combine(id, ids).as(Command.Recover::new),
                Combinators.combine(id, ids).as(Command.Commit::new),
                Combinators.combine(id, ids).as(Command.Rollback::new),
                Arbitraries.of(true, false).map(Command.CreateTemporary::new),
                temporary.map(Command.DeleteTemporary::new),
                destination.map(Command.CheckDestination::new),
                name().map(Command.Unsubscribe::new),
                Combinators.combine(id, id, queue, optionalText, Arbitraries.integers().between(0, 1000))
                        .as(Command.Browse::new),
                Combinators.combine(id, id).as(Command.BrowseNext::new),
                Combinators.combine(id, id).as(Command.CloseBrowse::new)));
    }

    /** Subscriptions valid for any destination: named when durable or shared. */
    private static Arbitrary<SubscriptionSpec> subscriptions() {
        Arbitrary<SubscriptionSpec> named = Combinators.combine(name(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(SubscriptionSpec::new);
        return Arbitraries.oneOf(Arbitraries.just(SubscriptionSpec.PRIVATE), named);
    }

    private static Arbitrary<GannetDestination> destinations() {
        return Combinators.combine(Arbitraries.of(DestinationKind.class), name()).as(GannetDestination::of);
    }

    private static Arbitrary<String> name() {
        return text(40).ofMinLength(1);
    }

    /** Strings of letters, digits and some non-ASCII characters: no lone surrogates, which UTF-8 cannot carry. */
    private static net.jqwik.api.arbitraries.StringArbitrary text(int maxLength) {
        return Arbitraries.strings().alpha().numeric().withChars(" -_.:/éüß漢字").ofMaxLength(maxLength);
    }

    // ---- codec plumbing

    /** A frame body (no length prefix) through the decoder alone: exactly one frame comes out, nothing is thrown. */
    private static Frame decodeBody(byte[] body) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        assertDoesNotThrow(() -> channel.writeInbound(Unpooled.wrappedBuffer(body)));
        assertDoesNotThrow(channel::checkException);
        Frame frame = assertInstanceOf(Frame.class, channel.readInbound());
        channel.finishAndReleaseAll();
        return frame;
    }

    private static Frame decodeWhole(byte[] bytes) {
        List<Object> received = new ArrayList<>();
        EmbeddedChannel channel = pipeline(received);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.finishAndReleaseAll();
        assertEquals(1, received.size(), "frames: " + received);
        return (Frame) received.get(0);
    }

    private static EmbeddedChannel pipeline(List<Object> received) {
        EmbeddedChannel channel = new EmbeddedChannel();
        FramePipeline.install(channel.pipeline(), TcpOptions.defaults(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
            }
        });
        return channel;
    }

    private static byte[] encode(Frame frame) {
        return FrameBytes.of(frame);
    }

    /** The frame without its 4-byte length prefix. */
    private static byte[] body(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, 4, frame.length);
    }
}
