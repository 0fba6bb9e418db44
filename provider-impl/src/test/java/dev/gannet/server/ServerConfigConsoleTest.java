package dev.gannet.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web console's keys: off without a port, its host defaulting to 127.0.0.1, bad values named. */
class ServerConfigConsoleTest {

    private static final Path HERE = Path.of(".");

    @Test
    void theConsoleIsOffWithoutAPort() {
        assertNull(config().console());
    }

    @Test
    void aPortTurnsItOnOnTheLoopbackAddress() {
        assertEquals(new ConsoleConfig("127.0.0.1", 8161), config("management.console.port", "8161").console());
        assertEquals(new ConsoleConfig("0.0.0.0", 0), config("management.console.port", " 0 ",
                "management.console.host", "0.0.0.0").console());
    }

    @Test
    void badValuesAreNamed() {
        String problems = assertThrows(IllegalArgumentException.class, () -> config("management.console.port",
                "http")).getMessage();
        assertTrue(problems.contains("management.console.port: 'http' is not a port number (0-65535)"), problems);
        problems = assertThrows(IllegalArgumentException.class, () -> config("management.console.host",
                "0.0.0.0")).getMessage();
        assertTrue(problems.contains("management.console.host: applies only with management.console.port"),
                problems);
        problems = assertThrows(IllegalArgumentException.class, () -> config("management.console.port", "8161",
                "management.console.host", "")).getMessage();
        assertTrue(problems.contains("management.console.host: must not be empty"), problems);
    }

    @Test
    void theSampleConfigRunsTheConsoleOnItsPort() {
        ServerConfig sample = ServerConfig.load(Path.of("..", "samples", "security", "gannet-console.properties"));
        assertEquals(new ConsoleConfig("127.0.0.1", 8161), sample.console());
        assertTrue(sample.broker().security().enabled());
    }

    private static ServerConfig config(String... pairs) {
        Properties properties = new Properties();
        properties.setProperty("broker.name", "console");
        properties.setProperty("store", "memory");
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return ServerConfig.fromProperties(properties, HERE);
    }
}
