package dev.gannet.transport.tcp;

import dev.gannet.protocol.Delivery;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link Frame} as {@code type, correlationId, body}; the length prefix is added by a
 * {@link io.netty.handler.codec.LengthFieldPrepender} after it.
 */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToByteEncoder<Frame> {

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf buffer) {
        WireWriter out = new WireWriter(buffer);
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
        } else if (frame instanceof Frame.DeliveryFrame f) {
            header(out, FrameType.DELIVERY, 0);
            Delivery d = f.delivery();
            out.writeInt(d.sessionId());
            out.writeInt(d.consumerId());
            out.writeLong(d.deliveryId());
            out.writeLong(d.generation());
            out.writeInt(d.deliveryCount());
            out.writeBytes(d.encoded());
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
