package dev.gannet.transport.tcp.client;

import dev.gannet.protocol.BrokerLink;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Opened;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.FramePipeline;
import dev.gannet.transport.tcp.FrameWriter;
import dev.gannet.transport.tcp.SendWindowLimits;
import dev.gannet.transport.tcp.TcpOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tcp transport's {@link BrokerLink}: commands travel as frames to a broker's
 * {@link dev.gannet.transport.tcp.server.TcpAcceptor}, replies complete the futures by correlation id, deliveries go to
 * the endpoint from the link's I/O thread. One-way sends travel as frames nobody answers, within the link's
 * {@link SendWindow}; acknowledgements nobody waits for as frames answered only when they fail. Every frame is written
 * by the link's one I/O thread in the order it was handed over (through the channel's {@link FrameWriter}, which
 * flushes once per burst), so the broker sees a connection's commands in the order they were made. Each link owns one
 * I/O thread, stopped when the link is closed (by {@link Command.Close} or {@link #abort()}) or lost.
 */
public final class TcpBrokerLink implements BrokerLink {

    private static final Logger LOG = LoggerFactory.getLogger(TcpBrokerLink.class);

    /** Bytes of a Send frame body besides the encoded message: ids, destination name, header values. */
    private static final int SEND_FIELDS_ALLOWANCE = 64 * 1024;

    private final String address;
    private final EventLoopGroup group;
    private final Channel channel;
    private final FrameWriter writer;
    private final ClientChannelHandler handler;
    private final ReplyCorrelator replies;
    private final SendWindow window;
    private final AtomicBoolean released = new AtomicBoolean();
    /** What the broker answered to the handshake. */
    private final Opened opened;
    /** Largest encoded message a Send may carry: the frame limit less room for the command's other fields. */
    private final int maxMessageBytes;

    private TcpBrokerLink(String address, EventLoopGroup group, Channel channel, ClientChannelHandler handler,
                          ReplyCorrelator replies, SendWindow window, TcpOptions options, Opened opened) {
        this.opened = opened;
        this.maxMessageBytes = options.maxFrameSize() - Math.min(SEND_FIELDS_ALLOWANCE, options.maxFrameSize() / 2);
        this.address = address;
        this.group = group;
        this.channel = channel;
        this.writer = FrameWriter.of(channel);
        this.handler = handler;
        this.replies = replies;
        this.window = window;
        channel.closeFuture().addListener(f -> release());
    }

    /**
     * Connects to the broker at {@code host:port} and opens a connection there with the given client ID and
     * credentials (the handshake does what {@link Command.Open} does on the vm transport).
     *
     * @param clientId the connection's client ID, or null for none
     * @throws jakarta.jms.InvalidClientIDException if the broker refuses the client ID
     * @throws jakarta.jms.JMSSecurityException if the broker refuses the credentials
     * @throws JMSException naming {@code host:port} if the broker cannot be reached, does not answer the handshake
     *         within {@link TcpOptions#connectTimeout()}, or speaks another protocol version
     */
    public static TcpBrokerLink connect(String host, int port, String clientId, String user, String password,
                                        TcpOptions options, ClientEndpoint endpoint) throws JMSException {
        return connect(host, port, null, clientId, user, password, options, endpoint);
    }

    /**
     * Connects as {@link #connect(String, int, String, String, String, TcpOptions, ClientEndpoint)} does, over TLS when
     * {@code tls} is not null: the TLS handshake (with the settings of {@code tls}, made by
     * {@link dev.gannet.transport.tcp.tls.ClientTls#newContext()}) comes first, then the Gannet handshake inside it.
     *
     * @throws JMSException naming {@code host:port} and the reason if the TLS handshake fails: the broker's
     *         certificate is not trusted, has expired or does not name {@code host}; the broker requires a client
     *         certificate; the port does not speak TLS; and as the plain connect says
     */
    public static TcpBrokerLink connect(String host, int port, SslContext tls, String clientId, String user,
                                        String password, TcpOptions options, ClientEndpoint endpoint)
            throws JMSException {
        String address = host + ":" + port;
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("gannet-tcp-client", true));
        ReplyCorrelator replies = new ReplyCorrelator();
        SendWindow window = new SendWindow();
        ClientChannelHandler handler = new ClientChannelHandler(address, tls != null, replies, window, endpoint);
        Channel channel = null;
        try {
            channel = open(host, port, tls, address, options, group, handler);
            channel.writeAndFlush(Frame.HandshakeRequest.of(clientId, user, password));
            Opened opened = awaitHandshake(handler, address, options);
            return new TcpBrokerLink(address, group, channel, handler, replies, window, options, opened);
        } catch (JMSException | RuntimeException e) {
            handler.closingByClient();
            if (channel != null) {
                channel.close().awaitUninterruptibly();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw e;
        }
    }

    private static Channel open(String host, int port, SslContext tls, String address, TcpOptions options,
                                EventLoopGroup group, ClientChannelHandler handler) throws JMSException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.writeBufferLimit() / 2, options.writeBufferLimit()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            // host and port name the broker for SNI and for checking its certificate's names
                            SslHandler tlsHandler = tls.newHandler(channel.alloc(), host, port);
                            tlsHandler.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
                            channel.pipeline().addLast("tls", tlsHandler);
                            channel.pipeline().addLast("tlsAlerts", new TlsAlertRelay());
                        }
                        FramePipeline.install(channel.pipeline(), options, handler);
                    }
                });
        ChannelFuture connected = bootstrap.connect(host, port).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            Throwable cause = connected.cause();
            JMSException failure = new JMSException("Cannot connect to " + address + ": " + cause.getMessage());
            failure.initCause(cause);
            failure.setLinkedException(cause instanceof Exception e ? e : new Exception(cause));
            throw failure;
        }
        return connected.channel();
    }

    private static Opened awaitHandshake(ClientChannelHandler handler, String address, TcpOptions options)
            throws JMSException {
        try {
            return handler.handshake().get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JMSException refused) {
                throw refused;
            }
            throw linked(new JMSException("Handshake with " + address + " failed: " + e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new JMSException("Broker at " + address + " did not answer the handshake within "
                    + options.connectTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw linked(new JMSException("Interrupted while connecting to " + address), e);
        }
    }

    /**
     * Sends a command; the future fails with a {@link JMSException} naming the broker's address when the link is or
     * gets lost before the reply arrives. After a {@link Command.Close} is answered the link is released.
     */
    @Override
    public Opened opened() {
        return opened;
    }

    @Override
    public <A> CompletableFuture<A> request(Command<A> command) {
        if (command instanceof Command.Send send && send.message().encoded().length > maxMessageBytes) {
            return CompletableFuture.failedFuture(tooLarge(send));
        }
        ReplyCorrelator.Pending<A> pending = replies.register(command.answer());
        if (pending.answer().isDone() || released.get()) {
            replies.fail(pending.correlationId(), new jakarta.jms.IllegalStateException("Connection to " + address
                    + " is closed"));
            return pending.answer(); // already failed: the link is gone, its I/O thread may be stopped
        }
        if (command instanceof Command.Close) {
            pending.answer().whenComplete((answer, failure) -> closeChannel());
        }
        Frame.CommandFrame frame = new Frame.CommandFrame(pending.correlationId(), command);
        boolean submitted = writer.send(frame, written -> {
            if (!written.isSuccess()) {
                replies.fail(pending.correlationId(), linked(new JMSException("Cannot send "
                        + command.getClass().getSimpleName() + " to " + address + ": " + written.cause()),
                        written.cause()));
            }
        });
        if (!submitted) {
            replies.fail(pending.correlationId(), new jakarta.jms.IllegalStateException("Connection to " + address
                    + " is closed"));
        }
        return pending.answer();
    }

    /**
     * Writes a send as a frame the broker does not answer, once the {@link SendWindow} has room. A send that cannot be
     * written closes the link: the endpoint hears of it as a lost connection.
     */
    @Override
    public void post(Command.Send send) throws JMSException {
        if (send.message().encoded().length > maxMessageBytes) {
            throw tooLarge(send);
        }
        if (released.get()) {
            throw new jakarta.jms.IllegalStateException("Connection to " + address + " is closed");
        }
        Frame.OneWaySend frame = new Frame.OneWaySend(send);
        window.acquire(SendWindowLimits.weight(send));
        if (!writer.send(frame, ChannelFutureListener.CLOSE_ON_FAILURE)) {
            throw new jakarta.jms.IllegalStateException("Connection to " + address + " is closed");
        }
    }

    /**
     * Writes an acknowledgement as a frame the broker answers only if it fails; the failure is then logged as a warning
     * ({@link ClientChannelHandler}). Adjacent acknowledgements of one session may leave as one frame
     * ({@link FrameWriter}). An acknowledgement handed over once the link is closed is logged likewise; one that cannot
     * be written on an open link closes it, which the endpoint hears of as a lost connection.
     */
    @Override
    public void post(Command.Acknowledge acknowledge) {
        if (released.get() || !writer.send(new Frame.OneWayAcknowledge(acknowledge))) {
            LOG.warn("Acknowledgement of deliveries {} in session {} not sent: connection to {} is closed",
                    acknowledge.deliveryIds(), acknowledge.sessionId(), address);
        }
    }

    private ResourceAllocationException tooLarge(Command.Send send) {
        return new ResourceAllocationException("Message of " + send.message().encoded().length + " bytes (encoded)"
                + " exceeds the largest message the connection to " + address + " carries, " + maxMessageBytes
                + " bytes (maxFrameSize option)");
    }

    /** Closes the connection without a {@link Command.Close}; the broker closes its side when the channel goes. */
    @Override
    public void abort() {
        closeChannel();
        if (!group.next().inEventLoop()) {
            channel.closeFuture().awaitUninterruptibly();
            group.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    private void closeChannel() {
        handler.closingByClient();
        channel.close();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static JMSException linked(JMSException exception, Throwable cause) {
        exception.initCause(cause);
        if (cause instanceof Exception e) {
            exception.setLinkedException(e);
        }
        return exception;
    }

    @Override
    public String toString() {
        return "tcp link to " + address;
    }
}
