package dev.gannet.transport.tcp;

import dev.gannet.log.ThrottledLog;
import dev.gannet.transport.tcp.tls.HandshakeFailures;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Closes a channel whose peer sent bad bytes ({@link Frame.Malformed}, an oversized or negative length) or whose
 * pipeline failed, logging the reason (throttled: see {@link ThrottledLog}). Only that one channel is affected.
 */
@ChannelHandler.Sharable
final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrorHandler.class);

    private final ThrottledLog warnings;

    ProtocolErrorHandler(ThrottledLog warnings) {
        this.warnings = warnings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame.Malformed malformed) {
            warnings.warn(LOG, "Closing tcp connection {}: malformed frame: {}", ctx.channel().remoteAddress(),
                    malformed.reason());
            ctx.close();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (HandshakeFailures.isTls(cause)) {
            warnings.warn(LOG, "Closing tcp connection {}: TLS failure: {}", ctx.channel().remoteAddress(),
                    HandshakeFailures.detail(cause));
        } else if (cause instanceof IOException) {
            LOG.debug("Closing tcp connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause instanceof DecoderException) {
            warnings.warn(LOG, "Closing tcp connection {}: bad frame: {}", ctx.channel().remoteAddress(),
                    cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
        } else {
            warnings.warn(LOG, "Closing tcp connection {} after a failure", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
