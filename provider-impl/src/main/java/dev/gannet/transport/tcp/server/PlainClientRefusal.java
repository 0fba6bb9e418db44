package dev.gannet.transport.tcp.server;

import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.WireError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import jakarta.jms.JMSException;

/**
 * The broker side of a plain tcp client that reached a TLS listener (see {@link PlainClientGuard}): answers its
 * handshake with the reason it is refused, in plain tcp so that it can read it, and closes the connection. Any other
 * frame just closes it.
 */
final class PlainClientRefusal extends ChannelInboundHandlerAdapter {

    private final int port;

    /** @param port the TLS listener's port, named in the answer */
    PlainClientRefusal(int port) {
        this.port = port;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame.HandshakeRequest) {
            JMSException reason = new JMSException("Port " + port + " accepts TLS connections only: connect with"
                    + " ssl://HOST:" + port + " (or tcp://HOST:" + port + "?sslEnabled=true)");
            ctx.writeAndFlush(new Frame.HandshakeAnswer(Frame.HandshakeRequest.VERSION, WireError.of(reason), null))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
