package dev.gannet.transport.tcp;

import dev.gannet.log.ThrottledLog;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * The handlers both sides put in front of their own: framing, codec, bad-input handling, heartbeats, slow peers, and
 * the {@link FrameWriter} through which each side writes its frames.
 */
public final class FramePipeline {

    /** The name of the side's own handler in the pipeline. */
    public static final String PROTOCOL = "protocol";

    private static final FrameEncoder ENCODER = new FrameEncoder();

    private FramePipeline() {
    }

    /** {@link #install(ChannelPipeline, TcpOptions, ThrottledLog, ChannelHandler)} with warnings of its own. */
    public static void install(ChannelPipeline pipeline, TcpOptions options, ChannelHandler protocol) {
        install(pipeline, options, new ThrottledLog(), protocol);
    }

    /**
     * Installs the shared handlers, then {@code protocol} (the side's own handler), then a last handler that closes
     * the channel on any failure left unhandled. Warnings about the peer go through {@code warnings}, so that many
     * bad peers cannot flood the log.
     */
    public static void install(ChannelPipeline pipeline, TcpOptions options, ThrottledLog warnings, ChannelHandler protocol) {
        ProtocolErrorHandler errors = new ProtocolErrorHandler(warnings);
        int maxFrameLength = options.maxFrameSize() + FrameType.HEADER_SIZE;
        pipeline.addLast("frames", new LengthFieldBasedFrameDecoder(maxFrameLength, 0, 4, 0, 4));
        pipeline.addLast("decoder", new FrameDecoder());
        pipeline.addLast("malformed", errors);
        pipeline.addLast("encoder", ENCODER);
        pipeline.addLast("idle", new IdleStateHandler(options.heartbeatTimeout().toMillis(),
                options.heartbeatInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("heartbeat", new HeartbeatHandler(options.heartbeatTimeout(), warnings));
        pipeline.addLast("slowPeer", new SlowPeerGuard(options.unwritableTimeout(), warnings));
        pipeline.addLast("writer", new FrameWriter());
        pipeline.addLast(PROTOCOL, protocol);
        pipeline.addLast("errors", errors);
    }
}
