package dev.gannet.transport.tcp.server;

import dev.gannet.log.ThrottledLog;
import dev.gannet.transport.tcp.tls.HandshakeFailures;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Behind a TLS listener's {@link io.netty.handler.ssl.SslHandler}: a failed handshake (an untrusted or missing client
 * certificate, no protocol in common, a client that hung up) is a routine event, logged once as a throttled warning
 * that says why, without a stack trace, and its connection closed; the exception the failure also raises stops here.
 * Once the handshake succeeded, failures go on to the pipeline's own error handling.
 */
final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLog.class);

    private final ThrottledLog warnings;
    private boolean succeeded; // confined to the channel's event loop

    TlsHandshakeLog(ThrottledLog warnings) {
        this.warnings = warnings;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                succeeded = true;
                LOG.debug("TLS handshake with {} done: {}", ctx.channel().remoteAddress(), ctx.channel());
            } else {
                warnings.warn(LOG, "TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                        HandshakeFailures.seenByBroker(handshake.cause()));
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (succeeded) {
            ctx.fireExceptionCaught(cause);
        } else {
            LOG.debug("TLS handshake with {} failed", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
