package dev.gannet.transport.tcp;

import dev.gannet.log.ThrottledLog;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Keeps a connection's liveness visible both ways, driven by an {@link io.netty.handler.timeout.IdleStateHandler}
 * before it: writes a heartbeat when this side wrote nothing for a while, and closes the channel when the peer sent
 * nothing for the timeout. Incoming heartbeats stop here.
 */
final class HeartbeatHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final Duration timeout;
    private final ThrottledLog warnings;

    HeartbeatHandler(Duration timeout, ThrottledLog warnings) {
        this.timeout = timeout;
        this.warnings = warnings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame.Heartbeat)) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            switch (idle.state()) {
                case WRITER_IDLE -> ctx.writeAndFlush(new Frame.Heartbeat())
                        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
                case READER_IDLE -> {
                    warnings.warn(LOG, "Closing tcp connection {}: nothing received for {} ms",
                            ctx.channel().remoteAddress(), timeout.toMillis());
                    ctx.close();
                }
                default -> {
                }
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}
