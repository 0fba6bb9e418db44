package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.transport.tcp.RawTcpClient;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's robustness tier: a standalone server in its own JVM gets valid frames mutated at random (bytes changed,
 * cut short, lengths bent, frames repeated) over many short tcp connections, while a real JMS client sends and
 * receives through it all and must never fail. Afterwards the server still serves, its threads and file descriptors
 * are back near where they started, and it starts again on the same store.
 *
 * <p>Bounded and seeded: {@value #SECONDS_PROPERTY} sets the duration (default {@value #DEFAULT_SECONDS} s),
 * {@value #SEED_PROPERTY} repeats the mutations of an earlier run (thread timing is not repeatable).
 */
@EnabledOnOs(OS.LINUX) // the server's threads and descriptors are read from /proc
@Timeout(600)
class WireMutationTest {

    static final String SECONDS_PROPERTY = "gannet.fuzz.seconds";
    static final String SEED_PROPERTY = "gannet.fuzz.seed";
    private static final int DEFAULT_SECONDS = 30;
    private static final String PROBE_QUEUE = "fuzz.probe";
    private static final GannetDestination TARGET = GannetDestination.of(DestinationKind.QUEUE, "fuzz.target");
    /** Threads and descriptors the server may hold beyond its start figures once the storm is over. */
    private static final int SLACK = 8;
    /** How long the server's idle connection lanes may take to end (a cached pool keeps them 60 s). */
    private static final long SETTLES = 90_000;

    @TempDir
    Path directory;

    @Test
    void mutatedFramesCloseOnlyTheirOwnConnectionsAndEveryoneElseIsServed() throws Exception {
        int seconds = Integer.getInteger(SECONDS_PROPERTY, DEFAULT_SECONDS);
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        System.out.printf("wire mutation test: %d s, seed %d (-D%s=%d repeats the mutations)%n", seconds, seed,
                SEED_PROPERTY, seed);
        try (ServerProcess server = start()) {
            int port = server.awaitListening();
            long pid = server.pid();
            Probe probe = new Probe(port);
            probe.start();
            probe.awaitRoundTrips(5);
            int threadsBefore = threads(pid);
            int descriptorsBefore = descriptors(pid);

            List<byte[]> frames = validFrames();
            Random random = new Random(seed);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long connections = 0;
            long sent = 0;
            long started = System.nanoTime();
            while (System.nanoTime() < end) {
                sent += storm(port, frames, new Random(random.nextLong()));
                connections++;
            }
            double took = (System.nanoTime() - started) / 1e9;
            probe.stop();

            int threadsAfter = settle(() -> threads(pid), threadsBefore);
            int descriptorsAfter = settle(() -> descriptors(pid), descriptorsBefore);
            long logBytes = server.stdout().length() + server.stderr().length();
            System.out.printf("wire mutation test: %d mutated frames over %d connections in %.1f s; probe: %d round"
                            + " trips, %d failures; server threads %d -> %d, descriptors %d -> %d; server log %d"
                            + " characters%n", sent, connections, took, probe.roundTrips.get(), probe.failures(),
                    threadsBefore, threadsAfter, descriptorsBefore, descriptorsAfter, logBytes);

            assertTrue(server.isAlive(), "the server survived; stderr:\n" + tail(server.stderr()));
            assertEquals(0, probe.failures(), () -> "the probe never fails: " + probe.firstFailure.get());
            assertTrue(threadsAfter <= threadsBefore + SLACK, "threads came back: " + threadsBefore + " -> "
                    + threadsAfter);
            assertTrue(descriptorsAfter <= descriptorsBefore + SLACK, "descriptors came back: "
                    + descriptorsBefore + " -> " + descriptorsAfter);
            assertRoundTrip(port, "after the storm");
            server.terminate();
            server.awaitExit(ServerProcess.STARTS);
        }
        ServerProcess.assertStoreConsistent(directory.resolve("gannet.properties"), "after the mutation storm");
        try (ServerProcess again = start()) { // the store the storm left behind opens again
            assertRoundTrip(again.awaitListening(), "after a restart");
            again.terminate();
            again.awaitExit(ServerProcess.STARTS);
        }
        ServerProcess.assertStoreConsistent(directory.resolve("gannet.properties"),
                "after the mutation storm and a restart");
    }

    private ServerProcess start() throws IOException {
        return ServerProcess.launch(directory.resolve("gannet.properties"), List.of("broker.name=fuzz",
                "data.directory=data", "tcp.port=0", "queues=" + PROBE_QUEUE));
    }

    /**
     * One short connection: a handshake (sometimes mutated too), then a few valid frames with one of them mutated,
     * then the connection is dropped. Answers the number of frames written.
     */
    private static int storm(int port, List<byte[]> frames, Random random) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            byte[] handshake = RawTcpClient.handshakeFrame();
            out.write(random.nextInt(10) == 0 ? mutate(handshake, random) : handshake);
            int count = 1 + random.nextInt(6);
            int mutated = random.nextInt(count);
            for (int i = 0; i < count; i++) {
                byte[] frame = frames.get(random.nextInt(frames.size()));
                out.write(i == mutated ? mutate(frame, random) : frame);
            }
            out.flush();
            if (random.nextBoolean()) {
                drainBriefly(socket.getInputStream());
            }
            return count + 1;
        } catch (IOException e) {
            return 0; // the server closed on us mid-write: what a malformed frame should do
        }
    }

    private static void drainBriefly(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        while (System.nanoTime() < end && in.available() > 0 && in.read(buffer) >= 0) {
            Thread.onSpinWait();
        }
    }

    /** A frame changed in one of several ways; the length prefix is bent only sometimes. */
    private static byte[] mutate(byte[] frame, Random random) {
        byte[] bytes = frame.clone();
        switch (random.nextInt(6)) {
            case 0 -> { // flip bytes of the body
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    int at = 4 + random.nextInt(Math.max(1, bytes.length - 4));
                    if (at < bytes.length) {
                        bytes[at] = (byte) random.nextInt(256);
                    }
                }
            }
            case 1 -> { // cut short, the length left claiming more
                bytes = java.util.Arrays.copyOf(bytes, 4 + random.nextInt(Math.max(1, bytes.length - 4)));
            }
            case 2 -> { // a length that lies
                int length = switch (random.nextInt(4)) {
                    case 0 -> -1 - random.nextInt(100);
                    case 1 -> Integer.MAX_VALUE - random.nextInt(100);
                    case 2 -> random.nextInt(16);
                    default -> bytes.length - 4 + 1 + random.nextInt(8);
                };
                bytes[0] = (byte) (length >>> 24);
                bytes[1] = (byte) (length >>> 16);
                bytes[2] = (byte) (length >>> 8);
                bytes[3] = (byte) length;
            }
            case 3 -> { // the frame type or command type changed
                int at = 4 + (random.nextBoolean() ? 0 : 9);
                if (at < bytes.length) {
                    bytes[at] = (byte) random.nextInt(16);
                }
            }
            case 4 -> { // an int field set to an edge value (ids, counts, priorities, string lengths)
                int at = 4 + random.nextInt(Math.max(1, bytes.length - 7));
                int value = new int[] {0, -1, 12, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20}[random.nextInt(6)];
                if (at + 4 <= bytes.length) {
                    bytes[at] = (byte) (value >>> 24);
                    bytes[at + 1] = (byte) (value >>> 16);
                    bytes[at + 2] = (byte) (value >>> 8);
                    bytes[at + 3] = (byte) value;
                }
            }
            default -> { // random bytes after a valid frame
                byte[] tail = new byte[1 + random.nextInt(32)];
                random.nextBytes(tail);
                byte[] joined = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
                System.arraycopy(tail, 0, joined, bytes.length, tail.length);
                bytes = joined;
            }
        }
        return bytes;
    }

    /** Valid frames of most commands, as a session of a real client would send them. */
    private static List<byte[]> validFrames() {
        byte[] encoded = MessageCodec.encode(new GannetTextMessage("fuzz"));
        GannetDestination topic = GannetDestination.of(DestinationKind.TOPIC, "fuzz.topic");
        List<Command> commands = List.of(
                new Command.CreateSession(1, false),
                new Command.CreateSession(2, true),
                new Command.CreateConsumer(1, 1, TARGET, "color = 'red'", false, SubscriptionSpec.PRIVATE, 10),
                new Command.CreateConsumer(1, 2, topic, null, true, SubscriptionSpec.PRIVATE, 10),
                new Command.Credit(1, 1, 5),
                new Command.Send(1, new OutboundMessage(TARGET, true, 4, 0, 0, "group", encoded)),
                new Command.Send(2, new OutboundMessage(topic, false, 9, 0, 0, null, encoded)),
                new Command.Acknowledge(1, List.of(1L, 2L)),
                new Command.Commit(2, List.of(1L)),
                new Command.Rollback(2, List.of()),
                new Command.Recover(1, List.of(1L)),
                new Command.CloseConsumer(1, 1, List.of()),
                new Command.CloseSession(1, List.of(3L)),
                new Command.CreateTemporary(false),
                new Command.CheckDestination(TARGET),
                new Command.Unsubscribe("durable"),
                new Command.Browse(1, 1, TARGET, "color = 'red'", 10),
                new Command.BrowseNext(1, 1),
                new Command.CloseBrowse(1, 1),
                new Command.SetClientId("fuzzer"));
        List<byte[]> frames = new ArrayList<>();
        long correlation = 0;
        for (Command<?> command : commands) {
            frames.add(RawTcpClient.commandFrame(++correlation, command));
        }
        frames.add(RawTcpClient.oneWayFrame(new Command.Send(1, new OutboundMessage(TARGET, false, 4, 0, 0, null,
                encoded))));
        return frames;
    }

    private static void assertRoundTrip(int port, String when) throws JMSException {
        Connection connection = new GannetConnectionFactory("tcp://127.0.0.1:" + port).createConnection();
        try {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            var queue = session.createQueue("fuzz.check");
            session.createProducer(queue).send(session.createTextMessage(when));
            TextMessage received = (TextMessage) session.createConsumer(queue).receive(30_000);
            assertNotNull(received, "a new client is served " + when);
            assertEquals(when, received.getText());
        } finally {
            connection.close();
        }
    }

    /** Polls a figure until it is back within the slack of where it started, or the deadline passed. */
    private static int settle(java.util.function.IntSupplier figure, int before) throws InterruptedException {
        long end = System.currentTimeMillis() + SETTLES;
        int now = figure.getAsInt();
        while (now > before + SLACK && System.currentTimeMillis() < end) {
            Thread.sleep(500);
            now = figure.getAsInt();
        }
        return now;
    }

    private static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            throw new IllegalStateException("no Threads line for process " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int descriptors(long pid) {
        try (var entries = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    /** A real JMS client sending and receiving persistent messages on its own connection all through the storm. */
    private static final class Probe {

        private final int port;
        private final AtomicLong roundTrips = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
        private volatile boolean running = true;
        private Thread thread;

        Probe(int port) {
            this.port = port;
        }

        void start() {
            thread = new Thread(this::run, "fuzz-probe");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try (Connection connection = new GannetConnectionFactory("tcp://127.0.0.1:" + port).createConnection()) {
                connection.start();
                Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
                var queue = session.createQueue(PROBE_QUEUE);
                MessageProducer producer = session.createProducer(queue);
                MessageConsumer consumer = session.createConsumer(queue);
                for (long i = 0; running; i++) {
                    producer.send(session.createTextMessage("probe " + i));
                    TextMessage received = (TextMessage) consumer.receive(30_000);
                    if (received == null || !received.getText().equals("probe " + i)) {
                        fail(new IllegalStateException("probe " + i + " came back as " + (received == null ? "nothing"
                                : received.getText())));
                        return;
                    }
                    roundTrips.incrementAndGet();
                }
            } catch (JMSException | RuntimeException e) {
                fail(e);
            }
        }

        private void fail(Exception e) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e);
        }

        void awaitRoundTrips(long count) throws InterruptedException {
            long end = System.currentTimeMillis() + ServerProcess.STARTS;
            while (roundTrips.get() < count && failures.get() == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            assertTrue(roundTrips.get() >= count, "the probe got going: " + firstFailure.get());
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(60_000);
        }

        long failures() {
            return failures.get();
        }
    }
}
