package dev.gannet.transport.tcp;

import dev.gannet.api.BrokerConfig;
import dev.gannet.broker.Broker;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.transport.tcp.client.TcpBrokerLink;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tcp transport over real sockets on 127.0.0.1 against a real broker. */
@Timeout(60)
class TcpTransportTest {

    private static final String HOST = "127.0.0.1";
    private static final TcpOptions OPTIONS = TcpOptions.defaults()
            .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000));
    private static final GannetDestination ORDERS = GannetDestination.of(DestinationKind.QUEUE, "orders");

    @TempDir
    Path dataDirectory;
    private Broker broker;
    private TcpAcceptor acceptor;

    @BeforeEach
    void startBroker() {
        broker = Broker.start(new BrokerConfig("tcp-test", dataDirectory));
        acceptor = TcpAcceptor.start(broker, HOST, 0, OPTIONS);
    }

    @AfterEach
    void stopBroker() {
        acceptor.close();
        broker.close();
    }

    @Test
    void messageSentOverTcpIsDeliveredToTheConsumerOverTcp() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        TcpBrokerLink link = connect("client-1", endpoint);
        call(link, new Command.Start());
        call(link, new Command.CreateSession(1, false));
        call(link, new Command.CreateConsumer(1, 1, ORDERS, null, false, null, 10));
        call(link, new Command.Send(1, textMessage("hello over tcp")));

        Delivery delivery = endpoint.deliveries.poll(10, TimeUnit.SECONDS);
        assertNotNull(delivery, "no delivery arrived");
        assertEquals(1, delivery.sessionId());
        assertEquals(1, delivery.consumerId());
        assertEquals(1, delivery.deliveryCount());
        assertEquals("hello over tcp", ((GannetTextMessage) MessageCodec.decode(delivery.encoded())).getText());
        call(link, new Command.Acknowledge(1, List.of(delivery.deliveryId())));
        call(link, new Command.Close());
        assertEquals(0, endpoint.failures.get());
    }

    @Test
    void answersOfEveryTypeCrossTheWire() throws Exception {
        TcpBrokerLink link = connect(null, new RecordingEndpoint());
        GannetDestination temporary = call(link, new Command.CreateTemporary(false));
        assertEquals(DestinationKind.TEMPORARY_QUEUE, temporary.kind());
        call(link, new Command.CreateSession(1, false));
        call(link, new Command.Send(1, textMessage("browse me")));
        List<byte[]> browsed = call(link, new Command.Browse(1, 1, ORDERS, null, 10));
        assertEquals(1, browsed.size());
        assertInstanceOf(Long.class, call(link, new Command.Recover(1, List.of())));
        call(link, new Command.DeleteTemporary(temporary));
        link.abort();
    }

    @Test
    void refusedCommandFailsWithTheExceptionTheBrokerRaised() throws Exception {
        TcpBrokerLink link = connect(null, new RecordingEndpoint());
        call(link, new Command.CreateSession(1, false));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> link.request(
                new Command.CreateConsumer(1, 1, ORDERS, "color = ", false, null, 10)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(InvalidSelectorException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("color"), failure.getCause().getMessage());
        link.abort();
    }

    @Test
    void takenClientIdIsRefusedInTheHandshake() throws Exception {
        TcpBrokerLink first = connect("same-id", new RecordingEndpoint());
        assertThrows(InvalidClientIDException.class, () -> connect("same-id", new RecordingEndpoint()));
        first.abort();
        // the first connection's broker side is closed when its channel goes: the id is free again
        TcpBrokerLink again = eventually(() -> connect("same-id", new RecordingEndpoint()));
        again.abort();
    }

    @Test
    void refusedConnectionNamesTheAddress() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            freePort = socket.getLocalPort();
        }
        JMSException failure = assertThrows(JMSException.class, () -> TcpBrokerLink.connect(HOST, freePort, null,
                null, null, OPTIONS, new RecordingEndpoint()));
        assertTrue(failure.getMessage().contains(HOST + ":" + freePort), failure.getMessage());
    }

    @Test
    void garbageFromOneSocketClosesOnlyThatConnection() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        TcpBrokerLink good = connect("good", endpoint);
        try (Socket garbage = new Socket(HOST, acceptor.port())) {
            garbage.setSoTimeout(10_000);
            OutputStream out = garbage.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: gannet\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(-1, drain(garbage.getInputStream()), "the broker should close the garbage connection");
        }
        call(good, new Command.Start());
        call(good, new Command.CreateSession(1, false));
        call(good, new Command.CreateConsumer(1, 1, ORDERS, null, false, null, 10));
        call(good, new Command.Send(1, textMessage("still served")));
        assertNotNull(endpoint.deliveries.poll(10, TimeUnit.SECONDS));
        good.abort();
    }

    @Test
    void stoppedServerFailsTheLinkWithinTheHeartbeatTimeout() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        TcpBrokerLink link = connect("doomed", endpoint);
        call(link, new Command.CreateSession(1, false));
        long start = System.nanoTime();
        acceptor.close();
        JMSException cause = endpoint.failed.get(OPTIONS.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(System.nanoTime() - start < OPTIONS.heartbeatTimeout().toNanos());
        assertTrue(cause.getMessage().contains(HOST + ":" + acceptor.port() + " lost"), cause.getMessage());
        ExecutionException later = assertThrows(ExecutionException.class,
                () -> link.request(new Command.CreateSession(2, false)).get(1, TimeUnit.SECONDS));
        assertInstanceOf(JMSException.class, later.getCause());
        assertEquals(1, endpoint.failures.get());
    }

    @Test
    void pendingRequestsFailWhenTheServerGoesSilent() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> acceptAndAnswerHandshake(silent));
            RecordingEndpoint endpoint = new RecordingEndpoint();
            TcpBrokerLink link = TcpBrokerLink.connect(HOST, silent.getLocalPort(), null, null, null, OPTIONS,
                    endpoint);
            try (Socket peer = accepted.get(10, TimeUnit.SECONDS)) {
                CompletableFuture<Void> pending = link.request(new Command.CreateSession(1, false));
                long start = System.nanoTime();
                // the fake broker neither replies nor sends heartbeats: the link declares it dead
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> pending.get(OPTIONS.heartbeatTimeout().toMillis() * 3, TimeUnit.MILLISECONDS));
                assertTrue(failure.getCause().getMessage().contains("lost"), failure.getCause().getMessage());
                endpoint.failed.get(1, TimeUnit.SECONDS);
                assertTrue(System.nanoTime() - start < OPTIONS.heartbeatTimeout().toNanos() * 3);
                assertEquals(1, endpoint.failures.get());
            }
        }
    }

    @Test
    void clientThatStopsReadingIsDisconnectedOnceItsWriteBufferStaysFull() throws Exception {
        // long heartbeats: only the write buffer limit may end the stuck connection within the test's deadline
        TcpOptions tight = OPTIONS.withHeartbeat(Duration.ofSeconds(20), Duration.ofSeconds(60))
                .withWriteBuffer(64 * 1024, Duration.ofMillis(300));
        GannetDestination slow = GannetDestination.of(DestinationKind.QUEUE, "slow");
        int count = 200;
        try (TcpAcceptor strict = TcpAcceptor.start(broker, HOST, 0, tight); Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.setSoTimeout(10_000);
            stuck.connect(new java.net.InetSocketAddress(HOST, strict.port()));
            OutputStream out = stuck.getOutputStream();
            java.io.DataInputStream in = new java.io.DataInputStream(stuck.getInputStream());
            out.write(FrameBytes.of(Frame.HandshakeRequest.of(null, null, null)));
            out.flush();
            in.readNBytes(in.readInt()); // commands may follow only once the handshake is answered
            out.write(FrameBytes.of(new Frame.CommandFrame(1, new Command.Start())));
            out.write(FrameBytes.of(new Frame.CommandFrame(2, new Command.CreateSession(1, false))));
            out.write(FrameBytes.of(new Frame.CommandFrame(3,
                    new Command.CreateConsumer(1, 1, slow, null, false, null, count))));
            out.flush();
            for (int i = 0; i < 3; i++) { // the three replies; then this client reads no more
                in.readNBytes(in.readInt());
            }

            TcpBrokerLink producer = connect(null, new RecordingEndpoint());
            call(producer, new Command.CreateSession(1, false));
            byte[] body = MessageCodec.encode(new GannetTextMessage("x".repeat(64 * 1024)));
            for (int i = 0; i < count; i++) {
                call(producer, new Command.Send(1, new OutboundMessage(slow, false, 4, 0, 0, null, body)));
            }
            // once the broker drops the stuck connection, its unacknowledged messages are back on the queue
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int queued = 0;
            for (int browseId = 1; queued < count && System.nanoTime() < deadline; browseId++) {
                queued = 0;
                List<byte[]> page = call(producer, new Command.Browse(1, browseId, slow, null, count));
                while (!page.isEmpty()) { // pages of 1 MiB: 16 of these messages each
                    queued += page.size();
                    page = call(producer, new Command.BrowseNext(1, browseId));
                }
            }
            assertEquals(count, queued, "the stuck client's messages should return to the queue");
            producer.abort();
        }
    }

    @Test
    void clientThatReadsLateGetsEveryDeliveryInOrderOnceItReads() throws Exception {
        // a small write buffer: the broker's writer must hold most deliveries until this client reads again
        TcpOptions small = OPTIONS.withHeartbeat(Duration.ofSeconds(20), Duration.ofSeconds(60))
                .withWriteBuffer(64 * 1024, Duration.ofSeconds(60));
        GannetDestination late = GannetDestination.of(DestinationKind.QUEUE, "late");
        int count = 200;
        try (TcpAcceptor acceptorForLateReader = TcpAcceptor.start(broker, HOST, 0, small);
             Socket reader = new Socket()) {
            reader.setReceiveBufferSize(4096);
            reader.setSoTimeout(10_000);
            reader.connect(new java.net.InetSocketAddress(HOST, acceptorForLateReader.port()));
            OutputStream out = reader.getOutputStream();
            java.io.DataInputStream in = new java.io.DataInputStream(reader.getInputStream());
            out.write(FrameBytes.of(Frame.HandshakeRequest.of(null, null, null)));
            out.flush();
            in.readNBytes(in.readInt());
            out.write(FrameBytes.of(new Frame.CommandFrame(1, new Command.Start())));
            out.write(FrameBytes.of(new Frame.CommandFrame(2, new Command.CreateSession(1, false))));
            out.write(FrameBytes.of(new Frame.CommandFrame(3,
                    new Command.CreateConsumer(1, 1, late, null, false, null, count))));
            out.flush();
            for (int i = 0; i < 3; i++) {
                in.readNBytes(in.readInt());
            }

            TcpBrokerLink producer = connect(null, new RecordingEndpoint());
            call(producer, new Command.CreateSession(1, false));
            String padding = "x".repeat(64 * 1024);
            for (int i = 0; i < count; i++) { // each send answered: every delivery is with the broker's writer by now
                byte[] body = MessageCodec.encode(new GannetTextMessage(i + ":" + padding));
                call(producer, new Command.Send(1, new OutboundMessage(late, false, 4, 0, 0, null, body)));
            }

            long lastDeliveryId = 0;
            for (int i = 0; i < count; i++) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                io.netty.channel.embedded.EmbeddedChannel decoder =
                        new io.netty.channel.embedded.EmbeddedChannel(new FrameDecoder());
                decoder.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(frame));
                Delivery delivery = assertInstanceOf(Frame.DeliveryFrame.class, decoder.readInbound()).delivery();
                decoder.finishAndReleaseAll();
                assertTrue(delivery.deliveryId() > lastDeliveryId, "deliveries in the order the broker made them");
                lastDeliveryId = delivery.deliveryId();
                assertEquals(i + ":" + padding,
                        ((GannetTextMessage) MessageCodec.decode(delivery.encoded())).getText());
            }
            producer.abort();
        }
    }

    @Test
    void stoppingTheBrokerTellsTheClientWhy(@TempDir Path otherDirectory) throws Exception {
        Broker other = Broker.start(new BrokerConfig("tcp-test-other", otherDirectory));
        try (TcpAcceptor otherAcceptor = TcpAcceptor.start(other, HOST, 0, OPTIONS)) {
            RecordingEndpoint endpoint = new RecordingEndpoint();
            TcpBrokerLink link = TcpBrokerLink.connect(HOST, otherAcceptor.port(), null, null, null, OPTIONS,
                    endpoint);
            call(link, new Command.CreateSession(1, false));
            other.close();
            JMSException cause = endpoint.failed.get(OPTIONS.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(cause.getMessage().contains("Broker tcp-test-other stopped"), cause.getMessage());
        }
    }

    @Test
    void closedLinksLeaveNoThreadsBehind() throws Exception {
        TcpBrokerLink link = connect("tidy", new RecordingEndpoint());
        call(link, new Command.Close());
        TcpBrokerLink other = connect(null, new RecordingEndpoint());
        other.abort();
        acceptor.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tcpThreads() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertEquals(0, tcpThreads(), "threads left: " + Thread.getAllStackTraces().keySet());
    }

    // ---- helpers

    private TcpBrokerLink connect(String clientId, ClientEndpoint endpoint) throws JMSException {
        return TcpBrokerLink.connect(HOST, acceptor.port(), clientId, "user", "password", OPTIONS, endpoint);
    }

    private static <A> A call(TcpBrokerLink link, Command<A> command) throws Exception {
        return link.request(command).get(10, TimeUnit.SECONDS);
    }

    private static OutboundMessage textMessage(String text) throws JMSException {
        GannetTextMessage message = new GannetTextMessage(text);
        return new OutboundMessage(ORDERS, false, 4, 0, 0, null, MessageCodec.encode(message));
    }

    private static Socket acceptAndAnswerHandshake(ServerSocket server) {
        try {
            Socket socket = server.accept();
            InputStream in = socket.getInputStream();
            int length = new java.io.DataInputStream(in).readInt();
            in.readNBytes(length);
            // accepted (no failure), the broker does not set JMSXUserID
            byte[] accepted = java.util.HexFormat.of().parseHex("0000000f" + "02" + "0000000000000000"
                    + "00000001" + "00" + "00");
            socket.getOutputStream().write(accepted);
            socket.getOutputStream().flush();
            return socket;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int drain(InputStream in) throws java.io.IOException {
        int read;
        do {
            read = in.read();
        } while (read != -1);
        return read;
    }

    private static long tcpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("gannet-tcp"))
                .count();
    }

    private interface Attempt<T> {
        T run() throws Exception;
    }

    private static <T> T eventually(Attempt<T> attempt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Records what the broker sends through the link. */
    private static final class RecordingEndpoint implements ClientEndpoint {
        final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        final CompletableFuture<JMSException> failed = new CompletableFuture<>();
        final AtomicInteger failures = new AtomicInteger();
        final BlockingQueue<JMSException> sendFailures = new LinkedBlockingQueue<>();

        @Override
        public void deliver(Delivery delivery) {
            deliveries.add(delivery);
        }

        @Override
        public void sendFailed(JMSException cause) {
            sendFailures.add(cause);
        }

        @Override
        public void connectionFailed(JMSException cause) {
            failures.incrementAndGet();
            failed.complete(cause);
        }
    }
}
