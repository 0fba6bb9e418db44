package dev.gannet.transport.tcp.server;

import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.Peer;
import dev.gannet.transport.tcp.EventLoopTasks;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.WireError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import jakarta.jms.JMSException;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * The broker's view of a tcp client: deliveries and failed one-way sends become frames, a connection failure becomes a
 * notice followed by closing the channel. Writes are queued on the channel and never block the broker; a client that
 * stops reading is cut off (see {@link dev.gannet.transport.tcp.TcpOptions#unwritableTimeout()}). Once the channel's event loop has
 * stopped, calls do nothing.
 */
final class ChannelClientEndpoint implements ClientEndpoint {

    private final Channel channel;

    ChannelClientEndpoint(Channel channel) {
        this.channel = channel;
    }

    /** The channel's remote address; the TLS listener adds the client's certificate chain. */
    @Override
    public Peer peer() {
        SocketAddress remote = channel.remoteAddress();
        String address = remote instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(remote);
        return new Peer(address, List.of());
    }

    @Override
    public void deliver(Delivery delivery) {
        Frame.DeliveryFrame frame = new Frame.DeliveryFrame(delivery);
        EventLoopTasks.submit(channel, () -> channel.writeAndFlush(frame, channel.voidPromise()));
    }

    @Override
    public void sendFailed(JMSException cause) {
        Frame.SendFailure frame = new Frame.SendFailure(WireError.of(cause));
        EventLoopTasks.submit(channel, () -> channel.writeAndFlush(frame, channel.voidPromise()));
    }

    @Override
    public void connectionFailed(JMSException cause) {
        Frame.ConnectionFailure frame = new Frame.ConnectionFailure(WireError.of(cause));
        EventLoopTasks.submit(channel, () -> channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE));
    }
}
