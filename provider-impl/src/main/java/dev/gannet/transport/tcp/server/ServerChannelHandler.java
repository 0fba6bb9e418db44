package dev.gannet.transport.tcp.server;

import dev.gannet.broker.Broker;
import dev.gannet.broker.ServerConnection;
import dev.gannet.lane.SerialExecutor;
import dev.gannet.log.ThrottledLog;
import dev.gannet.protocol.Answer;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Peer;
import dev.gannet.transport.tcp.EventLoopTasks;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.FrameWriter;
import dev.gannet.transport.tcp.SendWindowLimits;
import dev.gannet.transport.tcp.WireError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's end of one tcp connection: checks the handshake, then hands each command and one-way send to the
 * connection's {@link SerialExecutor lane} in arrival order (never running it on the I/O thread) and writes the
 * replies in command order as the broker completes them, through the channel's {@link FrameWriter} (which the
 * connection's deliveries share, so replies and deliveries leave in the order the broker made them). One-way sends
 * are never answered; they are counted against the client's window ({@link SendWindowLimits}) and reported processed
 * in batches. One-way acknowledgements are answered only when they fail ({@link Frame.AcknowledgeFailure}). A command
 * the decoder found invalid ({@link Frame.Invalid}) is answered with its reason, or, one-way, refused through the
 * connection's send-failure path (a send) or as a failed acknowledgement, without reaching the broker. On a TLS
 * listener the Gannet handshake comes after the TLS handshake, so the broker connection opens knowing the client's
 * verified certificate chain ({@link ChannelClientEndpoint#peerOf}). A client must wait for the handshake answer
 * before sending commands; any frame out of turn, or a one-way send beyond the window, closes the channel. When the
 * channel goes, the broker connection is closed.
 */
final class ServerChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerChannelHandler.class);

    /** Who the client is, set on its channel at the handshake, before the broker connection opens. */
    static final AttributeKey<Peer> PEER = AttributeKey.valueOf(ServerChannelHandler.class, "peer");

    private enum State { AWAITING_HANDSHAKE, OPENING, OPEN, CLOSED }

    private final Broker broker;
    private final SerialExecutor lane;
    private final ThrottledLog warnings;
    private final ProcessedSends processedSends = new ProcessedSends();
    private State state = State.AWAITING_HANDSHAKE; // confined to the channel's event loop
    private FrameWriter writer; // set when added to the pipeline, before any frame arrives
    private ServerConnection connection; // confined to the lane
    private CompletableFuture<Void> lastReply = CompletableFuture.completedFuture(null); // confined to the lane

    ServerChannelHandler(Broker broker, SerialExecutor lane, ThrottledLog warnings) {
        this.broker = broker;
        this.lane = lane;
        this.warnings = warnings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        writer = FrameWriter.of(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame.HandshakeRequest request && state == State.AWAITING_HANDSHAKE) {
            handshake(ctx, request);
        } else if (msg instanceof Frame.CommandFrame command && state == State.OPEN) {
            Channel channel = ctx.channel();
            lane.execute(() -> handle(channel, command));
        } else if (msg instanceof Frame.OneWaySend send && state == State.OPEN) {
            oneWay(ctx, send.send(), null);
        } else if (msg instanceof Frame.OneWayAcknowledge acknowledge && state == State.OPEN) {
            Channel channel = ctx.channel();
            lane.execute(() -> acknowledge(channel, acknowledge.acknowledge(), null));
        } else if (msg instanceof Frame.Invalid invalid && state == State.OPEN) {
            Channel channel = ctx.channel();
            if (invalid.oneWay() && invalid.command() instanceof Command.Acknowledge acknowledge) {
                lane.execute(() -> acknowledge(channel, acknowledge, invalid.reason()));
            } else if (invalid.oneWay()) {
                oneWay(ctx, (Command.Send) invalid.command(), invalid.reason());
            } else {
                lane.execute(() -> reply(channel, invalid.correlationId(), invalid.command().answer(),
                        CompletableFuture.failedFuture(invalid.reason())));
            }
        } else if (state != State.CLOSED) {
            warnings.warn(LOG, "Closing tcp connection {}: {} frame not expected in state {}",
                    ctx.channel().remoteAddress(), msg.getClass().getSimpleName(), state);
            state = State.CLOSED;
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        lane.execute(() -> {
            if (connection != null) {
                connection.handle(new Command.Close());
            }
        });
        ctx.fireChannelInactive();
    }

    private void handshake(ChannelHandlerContext ctx, Frame.HandshakeRequest request) {
        if (request.magic() != Frame.HandshakeRequest.MAGIC || request.version() != Frame.HandshakeRequest.VERSION) {
            String reason = request.magic() != Frame.HandshakeRequest.MAGIC
                    ? "not a Gannet client (magic 0x" + Integer.toHexString(request.magic()) + ")"
                    : "protocol version " + request.version() + " is not supported; this broker speaks version "
                    + Frame.HandshakeRequest.VERSION;
            warnings.warn(LOG, "Refusing tcp connection {}: {}", ctx.channel().remoteAddress(), reason);
            state = State.CLOSED;
            ctx.writeAndFlush(Frame.HandshakeAnswer.refused(WireError.of(new JMSException(reason))))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().isSuccess()) {
            // The SslHandler hands on application data only after its handshake succeeded; this guards that the
            // broker never opens a TLS connection without knowing its verified peer.
            warnings.warn(LOG, "Closing tcp connection {}: Gannet handshake before the TLS handshake completed",
                    ctx.channel().remoteAddress());
            state = State.CLOSED;
            ctx.close();
            return;
        }
        Channel channel = ctx.channel();
        Peer peer = ChannelClientEndpoint.peerOf(channel);
        channel.attr(PEER).set(peer);
        state = State.OPENING;
        lane.execute(() -> open(ctx, channel, request, peer));
    }

    /** Runs on the lane: opens the broker connection and answers the handshake. */
    private void open(ChannelHandlerContext ctx, Channel channel, Frame.HandshakeRequest request, Peer peer) {
        connection = broker.connect(new ChannelClientEndpoint(writer, peer));
        connection.handle(new Command.Open(request.clientId(), request.user(), request.password()))
                .whenComplete((opened, failure) -> EventLoopTasks.submit(channel, () -> {
                    if (failure != null) {
                        state = State.CLOSED;
                        ctx.writeAndFlush(Frame.HandshakeAnswer.refused(WireError.of(failure)))
                                .addListener(ChannelFutureListener.CLOSE);
                    } else if (state == State.OPENING) {
                        state = State.OPEN;
                        ctx.writeAndFlush(Frame.HandshakeAnswer.accepted(opened));
                    }
                }));
    }

    /**
     * Counts a one-way send against the window, then carries it out on the lane, or refuses it there when
     * {@code invalid} names why it breaks the protocol's rules. A client beyond its window is disconnected.
     */
    private void oneWay(ChannelHandlerContext ctx, Command.Send send, JMSException invalid) {
        int weight = SendWindowLimits.weight(send);
        if (!processedSends.received(weight)) {
            warnings.warn(LOG, "Closing tcp connection {}: it sent beyond its window of {} one-way sends or {} bytes",
                    ctx.channel().remoteAddress(), SendWindowLimits.MAX_SENDS, SendWindowLimits.MAX_BYTES);
            state = State.CLOSED;
            ctx.close();
            return;
        }
        lane.execute(() -> post(send, weight, invalid));
    }

    /** Runs on the lane: carries out a one-way send; reports processed sends when half the window is reached. */
    private void post(Command.Send send, int weight, JMSException invalid) {
        (invalid == null ? connection.post(send) : connection.refuse(send, invalid)).thenRun(() -> {
            Frame.SendsProcessed report = processedSends.processed(weight);
            if (report != null) {
                writer.send(report);
            }
        });
    }

    /**
     * Runs on the lane: carries out an acknowledgement nobody waits for, or refuses it when {@code invalid} names why
     * it breaks the protocol's rules. Nothing is written when it succeeds; a failure is written as an
     * {@link Frame.AcknowledgeFailure} for the client to report. Either way later replies wait for its outcome, as they
     * waited for its reply when acknowledgements were answered, so an answered command still follows every earlier
     * acknowledgement's completion.
     */
    private void acknowledge(Channel channel, Command.Acknowledge acknowledge, JMSException invalid) {
        CompletableFuture<Void> outcome = invalid == null ? connection.handle(acknowledge)
                : CompletableFuture.failedFuture(invalid);
        CompletableFuture<Frame.AcknowledgeFailure> failure = outcome.handle((ignored, e) -> e == null ? null
                : acknowledgeFailure(acknowledge, WireError.of(e)));
        lastReply = failure.thenCombine(lastReply, (f, ignored) -> f)
                .thenAccept(f -> {
                    if (f != null) {
                        writer.send(f);
                    }
                })
                .exceptionally(e -> {
                    LOG.error("Acknowledgement on tcp connection {} failed", channel.remoteAddress(), e);
                    return null;
                });
    }

    private static Frame.AcknowledgeFailure acknowledgeFailure(Command.Acknowledge acknowledge, WireError cause) {
        List<Long> ids = acknowledge.deliveryIds();
        String deliveries = ids == null ? "no deliveries" : ids.size() <= 10 ? "deliveries " + ids
                : ids.size() + " deliveries";
        return new Frame.AcknowledgeFailure(new WireError(cause.kind(), "Session " + acknowledge.sessionId()
                + ": acknowledgement of " + deliveries + " failed: " + cause.message(), cause.errorCode()));
    }

    /** Runs on the lane: carries out one command. */
    private void handle(Channel channel, Frame.CommandFrame frame) {
        handle(channel, frame.correlationId(), frame.command());
    }

    private <A> void handle(Channel channel, long correlationId, Command<A> command) {
        reply(channel, correlationId, command.answer(), connection.handle(command));
    }

    /** Runs on the lane: writes the outcome of one command, an answer of {@code type}, after earlier replies. */
    private <A> void reply(Channel channel, long correlationId, Answer<A> type, CompletableFuture<A> outcome) {
        CompletableFuture<Frame.Reply> reply = outcome
                .handle((answer, failure) -> failure == null
                        ? Frame.Reply.answered(correlationId, type, answer)
                        : Frame.Reply.failed(correlationId, WireError.of(failure)));
        lastReply = reply.thenCombine(lastReply, (r, ignored) -> r)
                .thenAccept(writer::send)
                .exceptionally(e -> {
                    LOG.error("Reply {} on tcp connection {} failed", correlationId, channel.remoteAddress(), e);
                    return null;
                });
    }
}
