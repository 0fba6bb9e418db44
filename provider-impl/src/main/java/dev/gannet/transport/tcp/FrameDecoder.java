package dev.gannet.transport.tcp;

import dev.gannet.protocol.Command;
import dev.gannet.protocol.CommandValidator;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.Opened;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import jakarta.jms.JMSException;

import java.util.List;

/**
 * Turns one frame (already cut by a {@link io.netty.handler.codec.LengthFieldBasedFrameDecoder}, length stripped)
 * into a {@link Frame}. Bad input becomes a {@link Frame.Malformed} value, after which the decoder is broken and
 * discards everything it still receives; it never throws into the pipeline. A command is checked as it is decoded
 * ({@link CommandValidator}); a well-formed one with a value the protocol does not allow becomes a
 * {@link Frame.Invalid}, which the server answers with the reason.
 */
final class FrameDecoder extends MessageToMessageDecoder<ByteBuf> {

    private enum State { DECODING, BROKEN }

    private State state = State.DECODING; // confined to the channel's event loop

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (state == State.BROKEN) {
            frame.skipBytes(frame.readableBytes());
            return;
        }
        try {
            out.add(decode(new WireReader(frame)));
        } catch (MalformedFrameException e) {
            state = State.BROKEN;
            frame.skipBytes(frame.readableBytes());
            out.add(new Frame.Malformed(e.getMessage()));
        } catch (RuntimeException e) {
            state = State.BROKEN;
            frame.skipBytes(frame.readableBytes());
            out.add(new Frame.Malformed("undecodable frame: " + e));
        }
    }

    private static Frame decode(WireReader in) throws MalformedFrameException {
        byte type = in.readByte();
        long correlationId = in.readLong();
        Frame frame = switch (type) {
            case FrameType.HANDSHAKE_REQUEST -> new Frame.HandshakeRequest(in.readInt(), in.readInt(),
                    in.readString(), in.readString(), in.readString());
            case FrameType.HANDSHAKE_ANSWER -> handshakeAnswer(in);
            case FrameType.COMMAND -> command(correlationId, CommandCodec.read(in), false);
            case FrameType.ONE_WAY_SEND -> command(0, requireSend(CommandCodec.read(in)), true);
            case FrameType.ONE_WAY_ACKNOWLEDGE -> command(0, requireAcknowledge(CommandCodec.read(in)), true);
            case FrameType.ACKNOWLEDGE_FAILURE -> new Frame.AcknowledgeFailure(AnswerCodec.readError(in));
            case FrameType.SENDS_PROCESSED -> new Frame.SendsProcessed((int) positive(in.readInt(), "sends"),
                    positive(in.readLong(), "bytes"));
            case FrameType.SEND_FAILURE -> new Frame.SendFailure(AnswerCodec.readError(in));
            case FrameType.REPLY -> AnswerCodec.readReply(correlationId, in);
            case FrameType.DELIVERY -> new Frame.DeliveryFrame(new Delivery(in.readInt(), in.readInt(),
                    in.readLong(), in.readLong(), in.readInt(), requirePresent(in.readBytes())));
            case FrameType.HEARTBEAT -> new Frame.Heartbeat();
            case FrameType.CONNECTION_FAILURE -> new Frame.ConnectionFailure(AnswerCodec.readError(in));
            default -> throw new MalformedFrameException("unknown frame type " + type);
        };
        in.requireEnd();
        return frame;
    }

    /** A handshake answer: its version, then its failure or, accepted, what the broker says of the connection. */
    private static Frame.HandshakeAnswer handshakeAnswer(WireReader in) throws MalformedFrameException {
        int version = in.readInt();
        WireError failure = AnswerCodec.readOptionalError(in);
        return new Frame.HandshakeAnswer(version, failure, failure == null ? new Opened(in.readBoolean()) : null);
    }

    /** A command as it came, or, when a value of it breaks a rule of the protocol, the reason it is refused. */
    private static Frame command(long correlationId, Command<?> command, boolean oneWay) {
        try {
            CommandValidator.check(command);
        } catch (JMSException e) {
            return new Frame.Invalid(correlationId, oneWay, command, e);
        }
        if (!oneWay) {
            return new Frame.CommandFrame(correlationId, command);
        }
        return command instanceof Command.Send send ? new Frame.OneWaySend(send)
                : new Frame.OneWayAcknowledge((Command.Acknowledge) command);
    }

    private static Command.Send requireSend(Command<?> command) throws MalformedFrameException {
        if (command instanceof Command.Send send) {
            return send;
        }
        throw new MalformedFrameException("one-way send frame carries " + command.getClass().getSimpleName()
                + "; only Send is sent one-way");
    }

    private static Command.Acknowledge requireAcknowledge(Command<?> command) throws MalformedFrameException {
        if (command instanceof Command.Acknowledge acknowledge) {
            return acknowledge;
        }
        throw new MalformedFrameException("one-way acknowledgement frame carries "
                + command.getClass().getSimpleName() + "; only Acknowledge is acknowledged one-way");
    }

    private static long positive(long value, String what) throws MalformedFrameException {
        if (value < 1) {
            throw new MalformedFrameException("processed " + what + " must be positive, not " + value);
        }
        return value;
    }

    private static byte[] requirePresent(byte[] encoded) throws MalformedFrameException {
        if (encoded == null) {
            throw new MalformedFrameException("delivery carries no message");
        }
        return encoded;
    }
}
