package dev.gannet.server;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.DestinationSettings.FullPolicy;
import dev.gannet.transport.tcp.TcpOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading {@link ServerConfig} from properties: defaults, lists, paths, {@code destination.PATTERN.SETTING} keys, and
 * one message line per bad key.
 */
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
        assertEquals(List.of(Listener.plain("127.0.0.1", 61616)), config.listeners());
        assertEquals(TcpOptions.defaults(), config.tcpOptions());
        assertEquals(List.of(), config.queues());
        assertEquals(List.of(), config.topics());
        assertEquals(DestinationPolicies.none(), config.broker().destinations());
        assertEquals(Duration.ofSeconds(300), config.broker().transactionTimeout());
    }

    @Test
    void theTransactionTimeoutIsReadInMillisecondsOfAtLeastOne() {
        assertEquals(Duration.ofMillis(1500), parse("broker.name=g", "data.directory=d",
                "transaction.timeout.ms=1500").broker().transactionTimeout());
        assertEquals("transaction.timeout.ms: '0' is not a whole number of milliseconds >= 1",
                problem("broker.name=g", "data.directory=d", "transaction.timeout.ms=0"));
        assertEquals("transaction.timeout.ms: 'soon' is not a whole number of milliseconds >= 1",
                problem("broker.name=g", "data.directory=d", "transaction.timeout.ms=soon"));
    }

    @Test
    void theMemoryBudgetIsHalfTheHeapUnlessGivenInBytes() {
        assertEquals(BrokerConfig.DEFAULT_MEMORY_BUDGET, parse("broker.name=g", "data.directory=d").broker()
                .memoryBudgetBytes());
        assertEquals(67_108_864, parse("broker.name=g", "data.directory=d", "memory-budget-bytes=67108864").broker()
                .memoryBudgetBytes());
        assertEquals("memory-budget-bytes: '0' is not a whole number of bytes >= 1 (leave the key out for half the"
                + " maximum heap)", problem("broker.name=g", "data.directory=d", "memory-budget-bytes=0"));
        assertEquals("memory-budget-bytes: '64MB' is not a whole number of bytes >= 1 (leave the key out for half the"
                + " maximum heap)", problem("broker.name=g", "data.directory=d", "memory-budget-bytes=64MB"));
    }

    @Test
    void theBrokersMXBeansAreRegisteredUnlessSwitchedOff() {
        assertTrue(parse("broker.name=g", "data.directory=d").broker().jmxEnabled());
        assertTrue(parse("broker.name=g", "data.directory=d", "management.jmx.enabled=TRUE").broker().jmxEnabled());
        assertFalse(parse("broker.name=g", "data.directory=d", "management.jmx.enabled=false").broker()
                .jmxEnabled());
        assertEquals("management.jmx.enabled: 'off' is not true or false",
                problem("broker.name=g", "data.directory=d", "management.jmx.enabled=off"));
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

        assertEquals(List.of(Listener.plain("0.0.0.0", 0)), config.listeners());
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

    @Test
    void everyDestinationSettingIsReadIntoThePatternsSettings() {
        ServerConfig config = parse("broker.name=g", "data.directory=d",
                "destination.orders.max-delivery-attempts=3",
                "destination.orders.redelivery-delay.ms=100",
                "destination.orders.redelivery-multiplier=2.5",
                "destination.orders.max-redelivery-delay.ms=60000",
                "destination.orders.dead-letter-queue= orders.DLQ ",
                "destination.orders.expiry-queue=orders.expired",
                "destination.orders.max-message-bytes=1048576",
                "destination.orders.max-depth=-1",
                "destination.orders.max-bytes=104857600",
                "destination.orders.full-policy=fail",
                "destination.orders.block-timeout.ms=0",
                "destination.orders.duplicate-cache-size=0",
                "destination.orders.memory-window-bytes=65536");

        assertEquals(DestinationPolicies.builder().add("orders", DestinationSettings.builder()
                .maxDeliveryAttempts(3).redeliveryDelayMillis(100).redeliveryMultiplier(2.5)
                .maxRedeliveryDelayMillis(60000).deadLetterQueue("orders.DLQ").expiryQueue("orders.expired")
                .maxMessageBytes(1048576).maxDepth(-1).maxBytes(104857600).fullPolicy(FullPolicy.FAIL)
                .blockTimeoutMillis(0).duplicateCacheSize(0).memoryWindowBytes(65536).build()).build(),
                config.broker().destinations());
    }

    @Test
    void patternsWithDotsAndWildcardsAreReadFromTheRight() {
        ServerConfig config = parse("broker.name=g", "data.directory=d",
                "destination.#.max-delivery-attempts=5",
                "destination.#.dead-letter-queue=DLQ.all",
                "destination.orders.*.redelivery-delay.ms=250",
                "destination.orders.*.max-redelivery-delay.ms=1000",
                "destination.a.#.z.full-policy=BLOCK",
                "destination.orders.eu.dead-letter-queue=");

        DestinationPolicies destinations = config.broker().destinations();
        assertEquals(List.of("#", "a.#.z", "orders.*", "orders.eu"), List.copyOf(destinations.patterns().keySet()));
        DestinationSettings eu = destinations.settingsFor("orders.eu");
        assertEquals(5, eu.maxDeliveryAttempts(), "from #");
        assertEquals(250, eu.redeliveryDelayMillis(), "redelivery-delay.ms is one setting, not pattern 'orders.*.ms'");
        assertEquals(1000, eu.maxRedeliveryDelayMillis(), "the longest setting name ends the key");
        assertNull(eu.deadLetterQueue(), "an empty queue name means none");
        assertEquals("DLQ.all", destinations.settingsFor("orders.us").deadLetterQueue());
        assertEquals(FullPolicy.BLOCK, destinations.settingsFor("a.b.z").fullPolicy());
        assertEquals(DestinationSettings.defaults().overriddenBy(DestinationSettings.builder().maxDeliveryAttempts(5)
                .deadLetterQueue("DLQ.all").build()), destinations.settingsFor("billing"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "destination.q.max-delivery-attempts=x   | destination.q.max-delivery-attempts: 'x' is not a whole number "
                    + "(0 or less: unlimited)",
            "destination.q.redelivery-delay.ms=-1    | destination.q.redelivery-delay.ms: '-1' is not a whole number "
                    + "of milliseconds >= 0",
            "destination.q.redelivery-multiplier=0.5 | destination.q.redelivery-multiplier: '0.5' is not a decimal "
                    + "number >= 1.0",
            "destination.q.redelivery-multiplier=2e3 | destination.q.redelivery-multiplier: '2e3' is not a decimal "
                    + "number >= 1.0",
            "destination.q.max-redelivery-delay.ms=  | destination.q.max-redelivery-delay.ms: '' is not a whole "
                    + "number of milliseconds >= 0",
            "destination.q.max-message-bytes=0       | destination.q.max-message-bytes: '0' is not -1 (unlimited) or "
                    + "a whole number of bytes >= 1",
            "destination.q.max-depth=-2              | destination.q.max-depth: '-2' is not -1 (unlimited) or a whole "
                    + "number of messages >= 1",
            "destination.q.max-bytes=1MB             | destination.q.max-bytes: '1MB' is not -1 (unlimited) or a whole "
                    + "number of bytes >= 1",
            "destination.q.full-policy=drop          | destination.q.full-policy: 'drop' is not block or fail",
            "destination.q.block-timeout.ms=-5       | destination.q.block-timeout.ms: '-5' is not a whole number of "
                    + "milliseconds >= 0",
            "destination.q.duplicate-cache-size=9999999999 | destination.q.duplicate-cache-size: '9999999999' is not "
                    + "a whole number >= 0 (0 disables)",
            "destination.q.memory-window-bytes=0     | destination.q.memory-window-bytes: '0' is not -1 (none) or a "
                    + "whole number of bytes >= 1",
            "destination.q.max-dept=5                | destination.q.max-dept: unknown destination setting (known "
                    + "settings: max-delivery-attempts, redelivery-delay.ms,",
            "destination.q.redelivery-delay=5        | destination.q.redelivery-delay: unknown destination setting",
            "destination.max-depth=5                 | destination.max-depth: no pattern; write "
                    + "destination.PATTERN.max-depth (destination.#.max-depth for every destination)",
            "destination..max-depth=5                | destination..max-depth: destination pattern '' is empty",
            "destination.a..b.max-depth=5            | destination.a..b.max-depth: destination pattern 'a..b' has an "
                    + "empty word; separate words with single '.'",
            "destination.q*.max-depth=5              | destination.q*.max-depth: destination pattern 'q*' has word "
                    + "'q*': '*' and '#' must stand alone as words"})
    void badDestinationKeyIsNamedWithTheRule(String line, String expected) {
        String message = problem("broker.name=g", "data.directory=d", line);

        assertTrue(message.startsWith(expected), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void maximumRedeliveryDelayMustNotBeShorterThanTheDelayOfTheSamePattern() {
        assertEquals("destination.q.max-redelivery-delay.ms: 100 must not be shorter than "
                        + "destination.q.redelivery-delay.ms (500)",
                problem("broker.name=g", "data.directory=d", "destination.q.redelivery-delay.ms=500",
                        "destination.q.max-redelivery-delay.ms=100"));
        assertEquals(100, parse("broker.name=g", "data.directory=d", "destination.#.redelivery-delay.ms=500",
                "destination.q.max-redelivery-delay.ms=100").broker().destinations().settingsFor("q")
                .redeliveryDelayMillis(3), "across patterns the more specific maximum caps the delay");
    }

    @Test
    void unknownKeyMessageMentionsTheDestinationKeys() {
        String message = problem("broker.name=g", "data.directory=d", "destinations=x");

        assertTrue(message.startsWith("destinations: unknown key (known keys: broker.name, data.directory, "
                + "destination.PATTERN.SETTING, management."), message);
        assertTrue(message.contains("management.jmx.enabled, "), message);
        assertTrue(message.contains(", queues, "), message);
    }

    @Test
    void destinationProblemsAreReportedBesideOtherProblems() {
        String message = problem("data.directory=d", "destination.q.max-depth=0", "destination.q.full-policy=x",
                "destination.r.max-depth=3");

        List<String> lines = message.lines().toList();
        assertEquals(3, lines.size(), message);
        assertTrue(message.contains("destination.q.max-depth: '0'"), message);
        assertTrue(message.contains("destination.q.full-policy: 'x'"), message);
        assertTrue(message.contains("broker.name: required but missing"), message);
    }
}
