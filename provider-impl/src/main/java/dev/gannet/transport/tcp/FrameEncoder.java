package dev.gannet.transport.tcp;

import dev.gannet.protocol.Answer;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes a {@link Frame} as {@code length, type, correlationId, body}, the length counting what follows it, into a
 * buffer sized for the frame. A delivery's message, the same encoded bytes for every subscriber of a topic, is not
 * copied: it follows its header as a buffer wrapping those bytes.
 */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToMessageEncoder<Frame> {

    /** A delivery's bytes before its message: length, type, correlation id, ids, generation, count, message length. */
    static final int DELIVERY_HEADER_SIZE = FrameType.HEADER_SIZE + 4 + 4 + 8 + 8 + 4 + 4;

    /** Room for a frame's fixed fields and small values; a buffer grows past it if needed. */
    private static final int SMALL_FRAME = 64;

    FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if (frame instanceof Frame.DeliveryFrame f) {
            Delivery d = f.delivery();
            ByteBuf header = ctx.alloc().ioBuffer(DELIVERY_HEADER_SIZE, DELIVERY_HEADER_SIZE);
            header.writeInt(DELIVERY_HEADER_SIZE - 4 + d.encoded().length);
            header.writeByte(FrameType.DELIVERY);
            header.writeLong(0);
            header.writeInt(d.sessionId());
            header.writeInt(d.consumerId());
            header.writeLong(d.deliveryId());
            header.writeLong(d.generation());
            header.writeInt(d.deliveryCount());
            header.writeInt(d.encoded().length);
            out.add(header);
            out.add(Unpooled.wrappedBuffer(d.encoded()));
            return;
        }
        ByteBuf buffer = ctx.alloc().ioBuffer(sizeHint(frame));
        try {
            buffer.writeInt(0); // the length, known at the end
            writeFrame(frame, new WireWriter(buffer));
            buffer.setInt(0, buffer.readableBytes() - 4);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        out.add(buffer);
    }

    /** About the bytes {@code frame} takes: exact for its large parts, so that its buffer rarely grows. */
    private static int sizeHint(Frame frame) {
        if (frame instanceof Frame.OneWaySend f) {
            return SMALL_FRAME + sizeOf(f.send());
        } else if (frame instanceof Frame.CommandFrame f && f.command() instanceof Command.Send send) {
            return SMALL_FRAME + sizeOf(send);
        } else if (frame instanceof Frame.Reply f && f.failure() == null && f.type() == Answer.MESSAGES) {
            int size = SMALL_FRAME;
            for (byte[] message : Answer.MESSAGES.cast(f.answer())) {
                size += 4 + message.length;
            }
            return size;
        }
        return SMALL_FRAME;
    }

    private static int sizeOf(Command.Send send) {
        if (send.message() == null) {
            return 0;
        }
        byte[] encoded = send.message().encoded();
        String group = send.message().groupId();
        return (encoded == null ? 0 : encoded.length) + (group == null ? 0 : 3 * group.length()) + 256;
    }

    /** Writes every frame but a delivery, after its length. */
    private static void writeFrame(Frame frame, WireWriter out) {
        if (frame instanceof Frame.HandshakeRequest f) {
            header(out, FrameType.HANDSHAKE_REQUEST, 0);
            out.writeInt(f.magic());
            out.writeInt(f.version());
            out.writeString(f.clientId());
            out.writeString(f.user());
            out.writeString(f.password());
        } else if (frame instanceof Frame.HandshakeAnswer f) {
            header(out, FrameType.HANDSHAKE_ANSWER, 0);
            out.writeInt(f.version());
            AnswerCodec.writeOptionalError(f.failure(), out);
            if (f.failure() == null) {
                out.writeBoolean(f.opened().setsUserId());
            }
        } else if (frame instanceof Frame.CommandFrame f) {
            header(out, FrameType.COMMAND, f.correlationId());
            CommandCodec.write(f.command(), out);
        } else if (frame instanceof Frame.OneWaySend f) {
            header(out, FrameType.ONE_WAY_SEND, 0);
            CommandCodec.write(f.send(), out);
        } else if (frame instanceof Frame.OneWayAcknowledge f) {
            header(out, FrameType.ONE_WAY_ACKNOWLEDGE, 0);
            CommandCodec.write(f.acknowledge(), out);
        } else if (frame instanceof Frame.AcknowledgeFailure f) {
            header(out, FrameType.ACKNOWLEDGE_FAILURE, 0);
            AnswerCodec.writeError(f.reason(), out);
        } else if (frame instanceof Frame.SendsProcessed f) {
            header(out, FrameType.SENDS_PROCESSED, 0);
            out.writeInt(f.sends());
            out.writeLong(f.bytes());
        } else if (frame instanceof Frame.SendFailure f) {
            header(out, FrameType.SEND_FAILURE, 0);
            AnswerCodec.writeError(f.reason(), out);
        } else if (frame instanceof Frame.Reply f) {
            header(out, FrameType.REPLY, f.correlationId());
            AnswerCodec.writeOutcome(f, out);
        } else if (frame instanceof Frame.Heartbeat) {
            header(out, FrameType.HEARTBEAT, 0);
        } else if (frame instanceof Frame.ConnectionFailure f) {
            header(out, FrameType.CONNECTION_FAILURE, 0);
            AnswerCodec.writeError(f.reason(), out);
        } else {
            throw new IllegalArgumentException("Frame " + frame + " is never sent");
        }
    }

    private static void header(WireWriter out, byte type, long correlationId) {
        out.writeByte(type);
        out.writeLong(correlationId);
    }
}
