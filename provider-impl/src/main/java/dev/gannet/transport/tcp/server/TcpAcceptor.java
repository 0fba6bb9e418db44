package dev.gannet.transport.tcp.server;

import dev.gannet.broker.Broker;
import dev.gannet.lane.SerialExecutor;
import dev.gannet.log.ThrottledLog;
import dev.gannet.transport.tcp.FramePipeline;
import dev.gannet.protocol.Peer;
import dev.gannet.transport.tcp.TcpOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts tcp clients for one broker, plain or TLS. Each accepted channel gets its own broker connection and its own
 * ordered lane on a shared pool; {@link #close()} stops accepting, closes every channel and stops every thread it started.
 */
public final class TcpAcceptor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpAcceptor.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService lanes;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    /** Warnings about clients, throttled across all of them: no client can flood the log. */
    private final ThrottledLog warnings = new ThrottledLog();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel serverChannel; // set once in start()

    /** @param name names the acceptor's threads: the broker's name, with {@code -tls} for a TLS acceptor */
    private TcpAcceptor(String name) {
        this.bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("gannet-tcp-accept-" + name, true));
        this.workerGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("gannet-tcp-io-" + name, true));
        AtomicInteger threads = new AtomicInteger();
        this.lanes = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "gannet-tcp-lane-" + name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts accepting plain tcp clients for {@code broker} on {@code host:port}. A TLS client that reaches this port
     * is closed at once.
     *
     * @param port the port to listen on; 0 for any free port (see {@link #port()})
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
     */
    public static TcpAcceptor start(Broker broker, String host, int port, TcpOptions options) {
        return start(broker, broker.config().name(), host, port, options, null);
    }

    /**
     * Starts accepting TLS clients for {@code broker} on {@code host:port}: each connection's TLS handshake, with the
     * settings of {@code tls} (made by {@link dev.gannet.transport.tcp.tls.ServerTls#newContext()}), comes before its
     * Gannet handshake; a failed one is logged (throttled) and closes only that connection. A plain tcp client that
     * reaches this port is refused with an answer saying that the port takes TLS only.
     *
     * @param port the port to listen on; 0 for any free port (see {@link #port()})
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
     */
    public static TcpAcceptor startTls(Broker broker, String host, int port, TcpOptions options, SslContext tls) {
        return start(broker, broker.config().name() + "-tls", host, port, options, tls);
    }

    private static TcpAcceptor start(Broker broker, String name, String host, int port, TcpOptions options,
                                     SslContext tls) {
        TcpAcceptor acceptor = new TcpAcceptor(name);
        try {
            acceptor.bind(broker, host, port, options, tls);
            LOG.info("Broker {} accepts {} clients on {}", broker.config().name(), tls == null ? "tcp" : "TLS",
                    acceptor.serverChannel.localAddress());
            return acceptor;
        } catch (RuntimeException e) {
            acceptor.close();
            throw e;
        }
    }

    private void bind(Broker broker, String host, int port, TcpOptions options, SslContext tls) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.writeBufferLimit() / 2, options.writeBufferLimit()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.closeFuture().addListener(f -> channels.remove(channel));
                        ChannelPipeline pipeline = channel.pipeline();
                        if (tls == null) {
                            pipeline.addLast("tlsClients", new TlsClientGuard(warnings));
                        } else {
                            pipeline.addLast("plainClients", new PlainClientGuard(warnings,
                                    new PlainClientRefusal(channel.localAddress().getPort())));
                            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
                            pipeline.addLast("tlsHandshake", new TlsHandshakeLog(warnings));
                        }
                        FramePipeline.install(pipeline, options, warnings, new ServerChannelHandler(broker,
                                new SerialExecutor(lanes, "tcp connection"), warnings));
                    }
                });
        var bound = bootstrap.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            IOException failure = cause instanceof IOException io ? io : new IOException(cause);
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + cause.getMessage(),
                    failure);
        }
        serverChannel = bound.channel();
    }

    /**
     * Who the open connections are: the remote address of each connection past its handshake and, on TLS with client
     * authentication, the client's verified certificate chain, as the broker sees them.
     */
    public List<Peer> peers() {
        List<Peer> peers = new ArrayList<>();
        for (Channel channel : channels) {
            Peer peer = channel.attr(ServerChannelHandler.PEER).get();
            if (peer != null && channel.isActive()) {
                peers.add(peer);
            }
        }
        return peers;
    }

    /** The port this acceptor listens on (the chosen one when started with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes every client channel (their broker connections close) and stops all threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        for (Channel channel : List.copyOf(channels)) {
            channel.close().awaitUninterruptibly();
        }
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        lanes.shutdown();
        try {
            if (!lanes.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("tcp connection lanes did not finish within 10 s; interrupting them");
                lanes.shutdownNow();
            }
        } catch (InterruptedException e) {
            lanes.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("tcp acceptor {} closed", serverChannel != null ? serverChannel.localAddress() : "(unbound)");
    }
}
