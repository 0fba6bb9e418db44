package dev.gannet.transport.tcp.server;

import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.Peer;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.FrameWriter;
import dev.gannet.transport.tcp.WireError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.ssl.SslHandler;
import jakarta.jms.JMSException;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's view of a tcp client: deliveries and failed one-way sends become frames, a connection failure becomes a
 * notice followed by closing the channel. Frames go through the channel's {@link FrameWriter}, after the replies and
 * deliveries handed to it before, and never block the broker; a client that stops reading is cut off (see
 * {@link dev.gannet.transport.tcp.TcpOptions#unwritableTimeout()}). Once the channel's event loop has stopped, calls do
 * nothing.
 */
final class ChannelClientEndpoint implements ClientEndpoint {

    private final FrameWriter writer;
    private final Peer peer;

    /**
     * @param writer the writer of the client's channel
     * @param peer who the client is, as {@link #peerOf} read it from the channel
     */
    ChannelClientEndpoint(FrameWriter writer, Peer peer) {
        this.writer = writer;
        this.peer = peer;
    }

    /**
     * Who is at the other end of {@code channel}: its remote address and, on a TLS channel whose client authenticated,
     * the certificate chain the client presented and the TLS handshake verified. Call after the handshake.
     */
    static Peer peerOf(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        String address = remote instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(remote);
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return new Peer(address, List.of());
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // the client did not authenticate (client.auth none, or optional and it gave no certificate)
        }
        return new Peer(address, chain);
    }

    /** The channel's remote address and, on TLS with client authentication, the client's certificate chain. */
    @Override
    public Peer peer() {
        return peer;
    }

    @Override
    public void deliver(Delivery delivery) {
        writer.send(new Frame.DeliveryFrame(delivery));
    }

    @Override
    public void sendFailed(JMSException cause) {
        writer.send(new Frame.SendFailure(WireError.of(cause)));
    }

    @Override
    public void connectionFailed(JMSException cause) {
        writer.send(new Frame.ConnectionFailure(WireError.of(cause)), ChannelFutureListener.CLOSE);
    }
}
