package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics endpoint of a {@link GannetServer} in its own JVM, scraped over HTTP while a client sends to it; and a
 * server without Micrometer on its class path (an optional dependency), which runs as before and refuses only a config
 * that asks for metrics, saying what is missing.
 */
@Timeout(180)
class MetricsServerProcessTest {

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void aServerProcessServesItsQueuesFiguresUntilItStops() throws Exception {
        int metricsPort = freePort();
        String url = "http://127.0.0.1:" + metricsPort + "/metrics";
        try (ServerProcess server = ServerProcess.launch(directory.resolve("gannet.properties"), List.of(
                "broker.name=process", "data.directory=data", "tcp.port=0", "queues=orders",
                "management.metrics.port=" + metricsPort))) {
            int port = server.awaitListening();
            String depth = "gannet_queue_depth{broker=\"process\",destination=\"orders\"} ";
            assertTrue(get(url).contains(depth + "0.0"), () -> "declared and empty");

            try (JMSContext context = new GannetConnectionFactory("tcp://127.0.0.1:" + port).createContext()) {
                context.createProducer().send(context.createQueue("orders"), "one");
                context.createProducer().send(context.createQueue("orders"), "two");
            }
            long end = System.currentTimeMillis() + 20_000;
            String scrape = get(url);
            while (!scrape.contains(depth + "2.0") && System.currentTimeMillis() < end) {
                Thread.sleep(50);
                scrape = get(url);
            }
            assertTrue(scrape.contains(depth + "2.0"), scrape);

            server.terminate();
            assertEquals(0, server.awaitExit(ServerProcess.STARTS), server.stderr());
            assertThrows(ConnectException.class, () -> get(url), "gone with the server");
        }
    }

    @Test
    void withoutMicrometerTheServerRunsAndOnlyRefusesToServeMetrics() throws Exception {
        String classpath = System.getProperty(ServerProcess.CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
        String withoutMicrometer = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer") && !entry.contains("prometheus"))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(withoutMicrometer.equals(classpath), "the test's class path has Micrometer");

        Path plain = directory.resolve("plain.properties");
        Files.write(plain, List.of("broker.name=plain", "data.directory=plain", "tcp.port=0"));
        try (ServerProcess server = ServerProcess.launch(plain, withoutMicrometer)) {
            int port = server.awaitListening();
            try (JMSContext context = new GannetConnectionFactory("tcp://127.0.0.1:" + port).createContext()) {
                context.createProducer().send(context.createQueue("orders"), "no Micrometer needed");
            }
            server.terminate();
            assertEquals(0, server.awaitExit(ServerProcess.STARTS), server.stderr());
        }

        Path metered = directory.resolve("metered.properties");
        Files.write(metered, List.of("broker.name=metered", "data.directory=metered", "tcp.port=0",
                "management.metrics.port=0"));
        try (ServerProcess server = ServerProcess.launch(metered, withoutMicrometer)) {
            assertEquals(1, server.awaitExit(ServerProcess.STARTS), server.stderr());
            assertTrue(server.stderr().contains("Gannet broker metered could not start: management.metrics.port needs"
                    + " Micrometer's Prometheus registry (io.micrometer:micrometer-registry-prometheus) on the class"
                    + " path"), server.stderr());
        }
    }
}
