package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.management.metrics.PrometheusEndpoint;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone server's Prometheus endpoint ({@code management.metrics.port}), scraped over real HTTP with the JDK's
 * {@link HttpClient}: the figures of its queues in the text format, moving with sends; off unless configured; a taken
 * port failing the start; security on, with the endpoint open and the broker not.
 */
@Timeout(120)
class RunningServerMetricsTest {

    private static final long WAIT_MILLIS = 20_000;

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServerConfig config(String... lines) {
        Properties properties = new Properties();
        for (String line : lines) {
            int eq = line.indexOf('=');
            properties.setProperty(line.substring(0, eq), line.substring(eq + 1));
        }
        return ServerConfig.fromProperties(properties, directory);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String scrape(RunningServer server) throws IOException, InterruptedException {
        HttpResponse<String> response = get(server.metricsUrl().orElseThrow());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The value of the sample {@code line} (a metric name with its labels) in a scrape; NaN if it has none. */
    private static double sample(String scrape, String line) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(line) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private double awaitSample(RunningServer server, String line, double wanted) throws Exception {
        long end = System.currentTimeMillis() + WAIT_MILLIS;
        String scrape = scrape(server);
        while (sample(scrape, line) != wanted && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            scrape = scrape(server);
        }
        String last = scrape;
        assertEquals(wanted, sample(last, line), () -> line + " in" + System.lineSeparator() + last);
        return wanted;
    }

    @Test
    void theEndpointServesTheQueuesFiguresInThePrometheusTextFormat() throws Exception {
        try (RunningServer server = RunningServer.start(config("broker.name=scraped", "store=memory", "tcp.port=0",
                "queues=orders", "management.metrics.port=0"))) {
            String url = server.metricsUrl().orElseThrow();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/metrics"), url);
            HttpResponse<String> response = get(url);
            assertEquals(200, response.statusCode());
            assertEquals(PrometheusEndpoint.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
            String depth = "gannet_queue_depth{broker=\"scraped\",destination=\"orders\"}";
            assertEquals(0, sample(response.body(), depth), response.body());
            assertTrue(response.body().contains("# TYPE gannet_queue_messages_enqueued_total counter"),
                    response.body());
            assertTrue(response.body().contains("jvm_memory_used_bytes"), "the JVM's meters too");

            try (JMSContext context = new GannetConnectionFactory(server.url()).createContext()) {
                Queue orders = context.createQueue("orders");
                for (int n = 0; n < 3; n++) {
                    context.createProducer().send(orders, "order " + n);
                }
                awaitSample(server, depth, 3);
                String scrape = scrape(server);
                assertEquals(3, sample(scrape,
                        "gannet_queue_messages_enqueued_total{broker=\"scraped\",destination=\"orders\"}"), scrape);
                assertEquals(1, sample(scrape, "gannet_connections{broker=\"scraped\"}"), scrape);

                context.createConsumer(orders).receive(WAIT_MILLIS);
                awaitSample(server, "gannet_queue_messages_acknowledged_total{broker=\"scraped\",destination="
                        + "\"orders\"}", 1);
                awaitSample(server, depth, 2);
            }

            try (JMSContext durable = new GannetConnectionFactory(server.url()).createContext();
                 JMSContext plain = new GannetConnectionFactory(server.url()).createContext()) {
                durable.setClientID("shop");
                Topic news = plain.createTopic("news");
                durable.createDurableConsumer(news, "archive").close();
                plain.createConsumer(news);
                plain.createProducer().send(news, "extra");
                awaitSample(server, "gannet_subscription_depth{broker=\"scraped\",client_id=\"shop\","
                        + "destination=\"news\",kind=\"durable\",subscription=\"archive\"}", 1);
                String scrape = scrape(server);
                assertTrue(Pattern.compile("^gannet_subscription_messages_enqueued_total\\{broker=\"scraped\","
                        + "(client_id=\"\",)?destination=\"news\",kind=\"non-durable\",subscription=\"\\d+\"} 1\\.0$",
                        Pattern.MULTILINE).matcher(scrape).find(), scrape);
                assertEquals(2, sample(scrape, "gannet_subscriptions{broker=\"scraped\"}"), scrape);
            }
        }
    }

    @Test
    void onlyGetAndHeadOfMetricsAreServed() throws Exception {
        try (RunningServer server = RunningServer.start(config("broker.name=paths", "store=memory", "tcp.port=0",
                "management.metrics.port=0"))) {
            String url = server.metricsUrl().orElseThrow();
            assertEquals(404, get(url.replace("/metrics", "/other")).statusCode());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(url))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
    }

    @Test
    void theEndpointIsOffUnlessConfiguredAndClosedWithTheServer() throws Exception {
        try (RunningServer server = RunningServer.start(config("broker.name=unscraped", "store=memory",
                "tcp.port=0"))) {
            assertEquals(java.util.Optional.empty(), server.metricsUrl());
        }
        String url;
        try (RunningServer server = RunningServer.start(config("broker.name=closing", "store=memory", "tcp.port=0",
                "management.metrics.port=0"))) {
            url = server.metricsUrl().orElseThrow();
            assertEquals(200, get(url).statusCode());
        }
        assertThrows(ConnectException.class, () -> get(url), "closed with the server");
    }

    @Test
    void aTakenMetricsPortFailsTheStartNamingItAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ServerConfig clash = config("broker.name=clash", "data.directory=store", "tcp.port=0",
                    "management.metrics.port=" + taken.getLocalPort());

            UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> RunningServer.start(clash));
            assertTrue(failure.getMessage().startsWith("The metrics endpoint cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": "), failure.getMessage());
            // the failed start closed its broker: its Derby store opens again right away
            try (RunningServer retried = RunningServer.start(config("broker.name=clash", "data.directory=store",
                    "tcp.port=0", "management.metrics.port=0"))) {
                assertEquals(200, get(retried.metricsUrl().orElseThrow()).statusCode());
            }
        }
    }

    @Test
    void anUnknownMetricsHostFailsTheStartNamingIt() {
        ServerConfig unknown = config("broker.name=nowhere", "store=memory", "tcp.port=0",
                "management.metrics.port=0", "management.metrics.host=no-such-host.invalid");

        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> RunningServer.start(unknown));
        assertEquals("The metrics endpoint cannot listen on no-such-host.invalid:0: Unresolved address",
                failure.getMessage());
    }

    /**
     * {@code samples/gannet-metrics.properties}, copied on free ports: a Derby-backed server whose endpoint shows its
     * declared queue.
     */
    @Test
    void theSampleConfigServesMetrics() throws Exception {
        Path sample = Path.of("..", "samples", "gannet-metrics.properties");
        String text = Files.readString(sample, StandardCharsets.UTF_8);
        for (String port : List.of("tcp.port=61616", "management.metrics.port=9464")) {
            assertTrue(text.contains("\n" + port + "\n"), sample + " has " + port);
            text = text.replace("\n" + port + "\n", "\n" + port.substring(0, port.indexOf('=')) + "=0\n");
        }
        Path config = Files.writeString(directory.resolve("gannet-metrics.properties"), text, StandardCharsets.UTF_8);

        try (RunningServer server = RunningServer.start(ServerConfig.load(config))) {
            String scrape = scrape(server);
            assertEquals(0, sample(scrape, "gannet_queue_depth{broker=\"gannet\",destination=\"orders\"}"), scrape);
            assertFalse(scrape.isEmpty());
        }
    }

    /**
     * With security on the endpoint still answers without a login (it serves figures only, on the loopback address by
     * default), while the broker refuses an unknown client and counts the one that logs in.
     */
    @Test
    void withSecurityOnTheEndpointAnswersWithoutLoginAndTheBrokerStillChecksClients() throws Exception {
        Path samples = Path.of("..", "samples", "security");
        Path security = Files.createDirectory(directory.resolve("security")); // its data directory is ../gannet-data
        for (String file : List.of("users.properties", "roles.properties")) {
            Files.copy(samples.resolve(file), security.resolve(file));
        }
        String text = Files.readString(samples.resolve("gannet-secured.properties"), StandardCharsets.UTF_8)
                .replace("\ntcp.port=61617\n", "\ntcp.port=0\n") + "\nmanagement.metrics.port=0\n";
        Path config = Files.writeString(security.resolve("gannet-secured.properties"), text, StandardCharsets.UTF_8);

        try (RunningServer server = RunningServer.start(ServerConfig.load(config))) {
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> new GannetConnectionFactory(server.url()).createContext("shop", "wrong").close());
            try (JMSContext shop = new GannetConnectionFactory(server.url()).createContext("shop", "shop-secret")) {
                shop.createProducer().send(shop.createQueue("orders"), "order");
                awaitSample(server, "gannet_queue_depth{broker=\"gannet-secured\",destination=\"orders\"}", 1);
                awaitSample(server, "gannet_connections{broker=\"gannet-secured\"}", 1);
            }
        }
    }
}
