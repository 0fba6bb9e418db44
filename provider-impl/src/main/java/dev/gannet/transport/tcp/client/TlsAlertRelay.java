package dev.gannet.transport.tcp.client;

import dev.gannet.transport.tcp.tls.HandshakeFailures;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Behind the client's {@link io.netty.handler.ssl.SslHandler}: a TLS failure that comes before any data from the
 * broker is the TLS handshake failing, even when the client's own side of it had completed (with TLS 1.3 a broker
 * refuses the client's certificate with an alert after that). It goes on as a failed
 * {@link SslHandshakeCompletionEvent}, which {@link ClientChannelHandler} turns into the reason the connection fails,
 * and the exception stops here: the caller of the connect reports it, the log need not. Later failures go on to the
 * pipeline's error handling.
 */
final class TlsAlertRelay extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsAlertRelay.class);

    private boolean dataSeen; // confined to the channel's event loop

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        dataSeen = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (dataSeen || !HandshakeFailures.isTls(cause)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        LOG.debug("TLS handshake with {} failed", ctx.channel().remoteAddress(), cause);
        ctx.fireUserEventTriggered(new SslHandshakeCompletionEvent(cause));
        ctx.close();
    }
}
