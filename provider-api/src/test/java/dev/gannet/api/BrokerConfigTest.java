package dev.gannet.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link BrokerConfig}: destination policies given by constructor and builder. */
class BrokerConfigTest {

    private static final DestinationSettings FIVE_ATTEMPTS =
            DestinationSettings.builder().maxDeliveryAttempts(5).build();
    private static final DestinationSettings NO_DLQ = DestinationSettings.builder().deadLetterQueue(null).build();

    @Test
    void twoArgumentConstructorHasNoDestinationPatterns() {
        BrokerConfig config = new BrokerConfig("b", Path.of("data"));

        assertEquals(DestinationPolicies.none(), config.destinations());
        assertEquals(config, BrokerConfig.builder().name("b").dataDirectory(Path.of("data")).build());
    }

    @Test
    void builderAddsDestinationPatternsOneByOne() {
        BrokerConfig config = BrokerConfig.builder().name("b")
                .destination("#", FIVE_ATTEMPTS)
                .destination("orders", NO_DLQ)
                .build();

        assertEquals(5, config.destinations().settingsFor("orders").maxDeliveryAttempts());
        assertEquals(null, config.destinations().settingsFor("orders").deadLetterQueue());
        assertEquals("DLQ", config.destinations().settingsFor("other").deadLetterQueue());
    }

    @Test
    void destinationsReplacesWhatWasAddedAndLaterPatternsAddToIt() {
        DestinationPolicies policies = DestinationPolicies.builder().add("#", FIVE_ATTEMPTS).build();

        BrokerConfig config = BrokerConfig.builder()
                .destination("lost", NO_DLQ)
                .destinations(policies)
                .destination("orders", NO_DLQ)
                .build();

        assertEquals(DestinationPolicies.builder().add("#", FIVE_ATTEMPTS).add("orders", NO_DLQ).build(),
                config.destinations());
        assertEquals(DestinationPolicies.builder().add("#", FIVE_ATTEMPTS).build(), policies, "left unchanged");
    }

    @Test
    void badPatternIsRefusedWhenAdded() {
        BrokerConfig.Builder builder = BrokerConfig.builder();

        assertEquals("Destination pattern 'a..b' has an empty word; separate words with single '.'",
                assertThrows(IllegalArgumentException.class, () -> builder.destination("a..b", NO_DLQ)).getMessage());
        assertThrows(NullPointerException.class, () -> new BrokerConfig("b", Path.of("d"), null));
    }

    @Test
    void theMemoryBudgetIsHalfTheMaximumHeapUnlessConfigured() {
        BrokerConfig defaults = new BrokerConfig("b", Path.of("d"));
        assertEquals(BrokerConfig.DEFAULT_MEMORY_BUDGET, defaults.memoryBudgetBytes());
        assertEquals(Runtime.getRuntime().maxMemory() / 2, defaults.effectiveMemoryBudgetBytes());
        BrokerConfig configured = BrokerConfig.builder().memoryBudgetBytes(64L << 20).build();
        assertEquals(64L << 20, configured.effectiveMemoryBudgetBytes());
        assertEquals("Memory budget 0 must be -1 (half the maximum heap) or at least 1 byte",
                assertThrows(IllegalArgumentException.class, () -> BrokerConfig.builder().memoryBudgetBytes(0).build())
                        .getMessage());
    }

    @Test
    void theTransactionTimeoutIsThreeHundredSecondsUnlessConfigured() {
        assertEquals(Duration.ofSeconds(300), new BrokerConfig("b", Path.of("d")).transactionTimeout());
        assertEquals(Duration.ofSeconds(300), BrokerConfig.builder().build().transactionTimeout());
        assertEquals(Duration.ofSeconds(7),
                BrokerConfig.builder().transactionTimeout(Duration.ofSeconds(7)).build().transactionTimeout());
    }

    @Test
    void aTransactionTimeoutBelowOneMillisecondIsRefused() {
        BrokerConfig.Builder zero = BrokerConfig.builder().transactionTimeout(Duration.ZERO);
        assertEquals("Transaction timeout PT0S must be at least one millisecond",
                assertThrows(IllegalArgumentException.class, zero::build).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.builder().transactionTimeout(Duration.ofSeconds(-1)).build());
        assertThrows(NullPointerException.class, () -> BrokerConfig.builder().transactionTimeout(null).build());
    }
}
