package dev.gannet.transport.tcp.server;

import dev.gannet.log.ThrottledLog;
import dev.gannet.transport.tcp.FramePipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * First handler of a TLS listener's connections, in front of the {@link SslHandler}: when the client's first bytes are
 * a TLS record it leaves the pipeline and TLS goes on. Otherwise the client speaks plain tcp (a {@code tcp://} client
 * sent to the TLS port): the TLS handlers leave instead, and the broker side of the connection is replaced by a
 * {@link PlainClientRefusal}, which answers the client's Gannet handshake in plain tcp with the reason, so the client
 * fails at once with a message saying what to change.
 */
final class PlainClientGuard extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(PlainClientGuard.class);
    /** What {@link SslHandler#isEncrypted} reads: a TLS record header. */
    private static final int RECORD_HEADER = 5;

    private final ThrottledLog warnings;
    private final PlainClientRefusal refusal;

    PlainClientGuard(ThrottledLog warnings, PlainClientRefusal refusal) {
        this.warnings = warnings;
        this.refusal = refusal;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        if (!SslHandler.isEncrypted(in, false)) {
            warnings.warn(LOG, "Refusing tcp connection {}: it does not speak TLS, and this listener accepts TLS only"
                    + " (a tcp:// client without sslEnabled=true?)", ctx.channel().remoteAddress());
            pipeline.remove(TlsHandshakeLog.class);
            pipeline.remove(SslHandler.class);
            pipeline.replace(ServerChannelHandler.class, FramePipeline.PROTOCOL, refusal);
        }
        pipeline.remove(this); // hands the bytes read so far to the next handler
    }
}
