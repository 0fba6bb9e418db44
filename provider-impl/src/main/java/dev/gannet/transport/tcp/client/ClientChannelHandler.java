package dev.gannet.transport.tcp.client;

import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Opened;
import dev.gannet.transport.tcp.EventLoopTasks;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.WireError;
import dev.gannet.transport.tcp.tls.HandshakeFailures;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * The client's end of one tcp connection: completes the handshake (failing it with the reason when the TLS handshake
 * before it fails), routes replies to their requests, deliveries and failed one-way sends to the endpoint, processed
 * one-way sends to the {@link SendWindow}, logs failed one-way acknowledgements as warnings, and when the channel goes
 * fails everything waiting and tells the endpoint, unless the client itself closed the link.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelHandler.class);

    private final String address;
    /** Whether the link speaks TLS, so that a connection closed before the Gannet handshake is explained. */
    private final boolean tls;
    private final ReplyCorrelator replies;
    private final SendWindow window;
    private final ClientEndpoint endpoint;
    private final CompletableFuture<Opened> handshake = new CompletableFuture<>();
    private volatile boolean closedByClient;
    private volatile WireError serverReason;

    ClientChannelHandler(String address, boolean tls, ReplyCorrelator replies, SendWindow window,
                         ClientEndpoint endpoint) {
        this.address = address;
        this.tls = tls;
        this.replies = replies;
        this.window = window;
        this.endpoint = endpoint;
    }

    /**
     * Completes when the server accepted the handshake, with what it says of the connection; fails with the
     * JMSException it named, or if the link went.
     */
    CompletableFuture<Opened> handshake() {
        return handshake;
    }

    /** Marks the coming channel close as the client's own, so it is not reported as a failure. */
    void closingByClient() {
        closedByClient = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame.Reply reply) {
            replies.complete(reply);
        } else if (msg instanceof Frame.DeliveryFrame delivery) {
            endpoint.deliver(delivery.delivery());
        } else if (msg instanceof Frame.SendsProcessed processed) {
            window.processed(processed.sends(), processed.bytes());
        } else if (msg instanceof Frame.SendFailure failure) {
            endpoint.sendFailed(failure.reason().toException());
        } else if (msg instanceof Frame.AcknowledgeFailure failure) {
            // as when the client logged a failed reply to an acknowledgement nobody waited for
            LOG.warn("Broker at {}: {}", address, failure.reason().message());
        } else if (msg instanceof Frame.HandshakeAnswer answer && !handshake.isDone()) {
            if (answer.failure() == null) {
                handshake.complete(answer.opened());
            } else {
                handshake.completeExceptionally(answer.failure().toException());
            }
        } else if (msg instanceof Frame.ConnectionFailure failure) {
            serverReason = failure.reason();
            ctx.close();
        } else {
            LOG.warn("Closing tcp connection to {}: {} frame not expected from a broker", address,
                    msg.getClass().getSimpleName());
            ctx.close();
        }
    }

    /**
     * A failed TLS handshake (see {@link TlsAlertRelay}) fails the Gannet handshake with the reason, unless it failed
     * already; the channel closes after it.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            tlsFailed(completion.cause());
        }
        ctx.fireUserEventTriggered(event);
    }

    private void tlsFailed(Throwable cause) {
        JMSException failure = new JMSException("TLS handshake with " + address + " failed: "
                + HandshakeFailures.seenByClient(cause));
        failure.initCause(cause);
        if (cause instanceof Exception e) {
            failure.setLinkedException(e);
        }
        handshake.completeExceptionally(failure);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean wasOpen = handshake.isDone() && !handshake.isCompletedExceptionally();
        if (tls && !handshake.isDone() && !closedByClient) {
            // The TLS alert the broker sent before it closed may be decoded only now, its exception following this
            // call (see exceptionCaught); it says why, so the guess waits until the event loop's current work is done.
            JMSException guess = new JMSException("Connection to " + address + " closed by the broker during the"
                    + " handshake, after TLS was agreed; a broker that requires client certificates closes connections"
                    + " without a certificate it trusts (keyStorePath option)");
            if (!EventLoopTasks.submit(ctx.channel(), () -> handshake.completeExceptionally(guess))) {
                handshake.completeExceptionally(guess);
            }
        } else {
            handshake.completeExceptionally(lost());
        }
        replies.failAll(this::lost);
        window.close(this::lost);
        if (wasOpen && !closedByClient) {
            JMSException cause = lost();
            LOG.warn("{}", cause.getMessage());
            endpoint.connectionFailed(cause);
        }
        ctx.fireChannelInactive();
    }

    private JMSException lost() {
        if (closedByClient) {
            return new jakarta.jms.IllegalStateException("Connection to " + address + " is closed");
        }
        WireError reason = serverReason;
        return new JMSException("Connection to " + address + " lost"
                + (reason != null ? ": " + reason.message() : ""));
    }
}
