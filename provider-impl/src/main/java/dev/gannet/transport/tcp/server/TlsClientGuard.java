package dev.gannet.transport.tcp.server;

import dev.gannet.log.ThrottledLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * First handler of a plain listener's connections: a client whose first bytes are a TLS record (a TLS client sent to
 * the plain port) is closed at once with a warning, so it fails promptly instead of waiting for its handshake to time
 * out; any other client's bytes go on to the framing and this handler leaves the pipeline. A Gannet frame never looks
 * like a TLS record: its first byte, the top of its length, is 0 for any frame below 16 MiB.
 */
final class TlsClientGuard extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(TlsClientGuard.class);
    /** What {@link SslHandler#isEncrypted} reads: a TLS record header. */
    private static final int RECORD_HEADER = 5;

    private final ThrottledLog warnings;

    TlsClientGuard(ThrottledLog warnings) {
        this.warnings = warnings;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            warnings.warn(LOG, "Closing tcp connection {}: it speaks TLS, but this listener is plain tcp (a client"
                    + " with ssl:// or sslEnabled=true belongs on the TLS listener's port)",
                    ctx.channel().remoteAddress());
            in.skipBytes(in.readableBytes());
            ctx.close();
        } else {
            ctx.pipeline().remove(this); // hands the bytes read so far to the next handler
        }
    }
}
