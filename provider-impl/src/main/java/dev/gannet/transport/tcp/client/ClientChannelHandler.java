package dev.gannet.transport.tcp.client;

import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Opened;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.WireError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * The client's end of one tcp connection: completes the handshake, routes replies to their requests, deliveries and
 * failed one-way sends to the endpoint, processed one-way sends to the {@link SendWindow}, and when the channel goes
 * fails everything waiting and tells the endpoint, unless the client itself closed the link.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelHandler.class);

    private final String address;
    private final ReplyCorrelator replies;
    private final SendWindow window;
    private final ClientEndpoint endpoint;
    private final CompletableFuture<Opened> handshake = new CompletableFuture<>();
    private volatile boolean closedByClient;
    private volatile WireError serverReason;

    ClientChannelHandler(String address, ReplyCorrelator replies, SendWindow window, ClientEndpoint endpoint) {
        this.address = address;
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean wasOpen = handshake.isDone() && !handshake.isCompletedExceptionally();
        handshake.completeExceptionally(lost());
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
