package dev.gannet.server;

import dev.gannet.transport.tcp.TcpOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading {@link ServerConfig} from properties: defaults, lists, paths, and one message line per bad key. */
class ServerConfigTest {

    private static final Path BASE = Path.of("/etc/gannet");

    private static Properties properties(String... pairs) {
        Properties properties = new Properties();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return properties;
    }

    private static ServerConfig parse(String... pairs) {
        return ServerConfig.fromProperties(properties(pairs), BASE);
    }

    private static String problem(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void onlyNameAndDirectoryAreRequiredTheRestHasDefaults() {
        ServerConfig config = parse("broker.name=gannet", "data.directory=/var/lib/gannet");

        assertEquals("gannet", config.broker().name());
        assertEquals(Path.of("/var/lib/gannet"), config.broker().dataDirectory());
        assertEquals("127.0.0.1", config.host());
        assertEquals(61616, config.port());
        assertEquals(TcpOptions.defaults(), config.tcpOptions());
        assertEquals(List.of(), config.queues());
        assertEquals(List.of(), config.topics());
    }

    @Test
    void relativeDataDirectoryIsResolvedAgainstTheConfigFilesDirectory() {
        assertEquals(Path.of("/etc/gannet/data/server"),
                parse("broker.name=g", "data.directory=data/server").broker().dataDirectory());
        assertEquals(Path.of("/etc/data"), parse("broker.name=g", "data.directory=../data").broker().dataDirectory());
    }

    @Test
    void destinationListsIgnoreSpacesAroundNamesAndRepeats() {
        ServerConfig config = parse("broker.name=g", "data.directory=d", "queues= orders ,invoices,  audit,orders ",
                "topics=news,  prices");

        assertEquals(List.of("orders", "invoices", "audit"), config.queues());
        assertEquals(List.of("news", "prices"), config.topics());
    }

    @Test
    void tcpSettingsAreReadInMillisecondsAndBytes() {
        ServerConfig config = parse("broker.name=g", "data.directory=d", "tcp.host=0.0.0.0", "tcp.port=0",
                "tcp.heartbeat.interval.ms=200", "tcp.heartbeat.timeout.ms=1000", "tcp.max.frame.bytes=1048576");

        assertEquals("0.0.0.0", config.host());
        assertEquals(0, config.port());
        assertEquals(Duration.ofMillis(200), config.tcpOptions().heartbeatInterval());
        assertEquals(Duration.ofMillis(1000), config.tcpOptions().heartbeatTimeout());
        assertEquals(1048576, config.tcpOptions().maxFrameSize());
    }

    @Test
    void badPortIsNamedWithTheRule() {
        assertEquals("tcp.port: 'abc' is not a port number (0-65535)",
                problem("broker.name=g", "data.directory=d", "tcp.port=abc"));
        assertEquals("tcp.port: '-1' is not a port number (0-65535)",
                problem("broker.name=g", "data.directory=d", "tcp.port=-1"));
    }

    @Test
    void everyProblemIsReportedOnItsOwnLine() {
        String message = problem("tcp.prot=1", "tcp.max.frame.bytes=0", "queues=a,,b");

        List<String> lines = message.lines().toList();
        assertEquals(5, lines.size(), message);
        assertTrue(lines.get(0).startsWith("tcp.prot: unknown key"), message);
        assertTrue(message.contains("broker.name: required but missing"), message);
        assertTrue(message.contains("data.directory: required but missing"), message);
        assertTrue(message.contains("tcp.max.frame.bytes: '0' is not a whole number of bytes"), message);
        assertTrue(message.contains("queues: 'a,,b' holds an empty name"), message);
    }

    @Test
    void brokerNameFollowsTheBrokerNamingRule() {
        assertEquals("broker.name: 'my broker' must use only letters, digits, '.', '_' and '-'",
                problem("broker.name=my broker", "data.directory=d"));
    }

    @Test
    void heartbeatTimeoutMustExceedTheInterval() {
        assertEquals("tcp.heartbeat.timeout.ms: 3000 must be longer than tcp.heartbeat.interval.ms (5000)",
                problem("broker.name=g", "data.directory=d", "tcp.heartbeat.timeout.ms=3000"));
    }
}
