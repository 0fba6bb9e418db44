package dev.gannet.transport.tcp;

import dev.gannet.log.ThrottledLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what a peer that stops reading can make this side buffer: when the channel stays unwritable (its write
 * buffer above the high-water mark) for longer than the limit, the channel is closed.
 */
final class SlowPeerGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SlowPeerGuard.class);

    private final Duration limit;
    private final ThrottledLog warnings;
    private ScheduledFuture<?> closing; // confined to the channel's event loop

    SlowPeerGuard(Duration limit, ThrottledLog warnings) {
        this.limit = limit;
        this.warnings = warnings;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && closing == null) {
            closing = ctx.executor().schedule(() -> closeIfStillBlocked(ctx), limit.toMillis(), TimeUnit.MILLISECONDS);
        } else if (ctx.channel().isWritable() && closing != null) {
            closing.cancel(false);
            closing = null;
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closing != null) {
            closing.cancel(false);
            closing = null;
        }
        ctx.fireChannelInactive();
    }

    private void closeIfStillBlocked(ChannelHandlerContext ctx) {
        closing = null;
        if (!ctx.channel().isWritable()) {
            warnings.warn(LOG, "Closing tcp connection {}: its write buffer stayed full for {} ms (peer not reading)",
                    ctx.channel().remoteAddress(), limit.toMillis());
            ctx.close();
        }
    }
}
