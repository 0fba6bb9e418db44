package dev.gannet.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the metrics endpoint's keys, {@code management.metrics.port} and {@code management.metrics.host}. */
class ServerConfigMetricsTest {

    private static ServerConfig parse(String... pairs) {
        Properties properties = new Properties();
        properties.setProperty("broker.name", "g");
        properties.setProperty("data.directory", "d");
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return ServerConfig.fromProperties(properties, Path.of("/etc/gannet"));
    }

    private static String problem(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void withoutAPortThereIsNoEndpoint() {
        assertNull(parse().metrics());
    }

    @Test
    void thePortTurnsItOnOnTheLoopbackAddressByDefault() {
        assertEquals(new MetricsEndpoint("127.0.0.1", 9464),
                parse("management.metrics.port=9464").metrics());
        assertEquals(new MetricsEndpoint("0.0.0.0", 0),
                parse("management.metrics.port= 0 ", "management.metrics.host=0.0.0.0").metrics());
    }

    @Test
    void badPortsAndHostsAreNamedWithTheRule() {
        assertEquals("management.metrics.port: 'http' is not a port number (0-65535)",
                problem("management.metrics.port=http"));
        assertEquals("management.metrics.port: '65536' is not a port number (0-65535)",
                problem("management.metrics.port=65536"));
        assertEquals("management.metrics.host: must not be empty",
                problem("management.metrics.port=9464", "management.metrics.host="));
        assertEquals("management.metrics.host: applies only with management.metrics.port",
                problem("management.metrics.host=0.0.0.0"));
    }

    @Test
    void theEndpointNeedsAPortOfItsOwn() {
        assertEquals("management.metrics.port: 61616 is the port of the tcp listener too; the metrics endpoint needs"
                + " a port of its own", problem("management.metrics.port=61616"));
        assertEquals(new MetricsEndpoint("127.0.0.1", 0),
                parse("tcp.port=0", "management.metrics.port=0").metrics(), "0 twice: two free ports");
    }

    @Test
    void metricsProblemsAreReportedBesideOtherProblems() {
        String message = problem("tcp.port=x", "management.metrics.port=y");
        assertTrue(message.contains("tcp.port: 'x' is not a port number (0-65535)"), message);
        assertTrue(message.contains("management.metrics.port: 'y' is not a port number (0-65535)"), message);
    }

    @Test
    void theUnknownKeyMessageListsTheMetricsKeys() {
        String message = problem("management.metrics.path=/m");
        assertTrue(message.contains("management.metrics.host, management.metrics.port"), message);
    }
}
