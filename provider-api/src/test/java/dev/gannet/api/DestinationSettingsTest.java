package dev.gannet.api;

import dev.gannet.api.DestinationSettings.FullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link DestinationSettings}: built-in values, layering, "unset" versus "explicitly none", ranges, back-off. */
class DestinationSettingsTest {

    private static DestinationSettings.Builder builder() {
        return DestinationSettings.builder();
    }

    private static String refused(Executable setting) {
        return assertThrows(IllegalArgumentException.class, setting).getMessage();
    }

    @Test
    void defaultsHaveTheDocumentedValues() {
        DestinationSettings defaults = DestinationSettings.defaults();

        assertEquals(10, defaults.maxDeliveryAttempts());
        assertEquals(0, defaults.redeliveryDelayMillis());
        assertEquals(1.0, defaults.redeliveryMultiplier());
        assertEquals(0, defaults.maxRedeliveryDelayMillis());
        assertEquals("DLQ", defaults.deadLetterQueue());
        assertNull(defaults.expiryQueue());
        assertEquals(-1, defaults.maxMessageBytes());
        assertEquals(-1, defaults.maxDepth());
        assertEquals(-1, defaults.maxBytes());
        assertEquals(FullPolicy.BLOCK, defaults.fullPolicy());
        assertEquals(30_000, defaults.blockTimeoutMillis());
        assertEquals(20_000, defaults.duplicateCacheSize());
        assertEquals(-1, defaults.memoryWindowBytes());
    }

    @Test
    void unsetFieldsOfAPartialValueAnswerTheDefaults() {
        DestinationSettings partial = builder().maxDepth(5).build();
        DestinationSettings defaults = DestinationSettings.defaults();

        assertEquals(5, partial.maxDepth());
        assertEquals(defaults.maxDeliveryAttempts(), partial.maxDeliveryAttempts());
        assertEquals(defaults.deadLetterQueue(), partial.deadLetterQueue());
        assertEquals(defaults.memoryWindowBytes(), partial.memoryWindowBytes());
        assertNotEquals(defaults, builder().build(), "an empty value sets nothing, the defaults set almost all");
    }

    @Test
    void overrideReplacesOnlyTheFieldsItSets() {
        DestinationSettings base = builder().maxDeliveryAttempts(3).redeliveryDelayMillis(100).maxDepth(50).build();
        DestinationSettings override = builder().maxDeliveryAttempts(7).fullPolicy(FullPolicy.FAIL).build();

        DestinationSettings merged = base.overriddenBy(override);

        assertEquals(builder().maxDeliveryAttempts(7).redeliveryDelayMillis(100).maxDepth(50)
                .fullPolicy(FullPolicy.FAIL).build(), merged);
        assertEquals(base, base.overriddenBy(builder().build()), "an empty override changes nothing");
        assertEquals(override, builder().build().overriddenBy(override));
    }

    @Test
    void explicitNullQueueOverridesWhileUnsetInherits() {
        DestinationSettings base = builder().deadLetterQueue("orders.DLQ").expiryQueue("orders.expired").build();

        DestinationSettings inherited = base.overriddenBy(builder().maxDepth(1).build());
        DestinationSettings none = base.overriddenBy(builder().deadLetterQueue(null).expiryQueue(null).build());

        assertEquals("orders.DLQ", inherited.deadLetterQueue());
        assertEquals("orders.expired", inherited.expiryQueue());
        assertNull(none.deadLetterQueue());
        assertNull(none.expiryQueue());
        assertNull(DestinationSettings.defaults().overriddenBy(builder().deadLetterQueue(null).build())
                .deadLetterQueue(), "explicit none beats the built-in DLQ");
        assertNotEquals(builder().build(), builder().deadLetterQueue(null).build(), "unset is not explicitly none");
        assertEquals(builder().deadLetterQueue(null).build(), builder().deadLetterQueue(null).build());
    }

    @Test
    void unsetMaxRedeliveryDelayIsTenTimesTheRedeliveryDelayThatFinallyApplies() {
        DestinationSettings resolved = DestinationSettings.defaults()
                .overriddenBy(builder().redeliveryDelayMillis(250).build());

        assertEquals(2500, resolved.maxRedeliveryDelayMillis());
        assertEquals(4000, DestinationSettings.defaults()
                .overriddenBy(builder().maxRedeliveryDelayMillis(4000).build())
                .overriddenBy(builder().redeliveryDelayMillis(250).build())
                .maxRedeliveryDelayMillis(), "an explicit maximum of a less specific layer stays");
        assertEquals(Long.MAX_VALUE, builder().redeliveryDelayMillis(Long.MAX_VALUE / 2).build()
                .maxRedeliveryDelayMillis(), "saturates instead of overflowing");
    }

    @Test
    void redeliveryDelayGrowsByTheMultiplierUpToTheMaximum() {
        DestinationSettings settings = builder().redeliveryDelayMillis(100).redeliveryMultiplier(2.0)
                .maxRedeliveryDelayMillis(1000).build();

        assertEquals(100, settings.redeliveryDelayMillis(1));
        assertEquals(200, settings.redeliveryDelayMillis(2));
        assertEquals(400, settings.redeliveryDelayMillis(3));
        assertEquals(800, settings.redeliveryDelayMillis(4));
        assertEquals(1000, settings.redeliveryDelayMillis(5));
        assertEquals(1000, settings.redeliveryDelayMillis(Integer.MAX_VALUE));
    }

    @Test
    void redeliveryDelayIsCappedAtTenTimesTheDelayWhenNoMaximumIsSet() {
        DestinationSettings settings = builder().redeliveryDelayMillis(100).redeliveryMultiplier(3.0).build();

        assertEquals(300, settings.redeliveryDelayMillis(2));
        assertEquals(900, settings.redeliveryDelayMillis(3));
        assertEquals(1000, settings.redeliveryDelayMillis(4));
    }

    @Test
    void redeliveryDelayIsConstantWithoutMultiplierAndZeroWithoutDelay() {
        DestinationSettings constant = builder().redeliveryDelayMillis(500).build();
        DestinationSettings immediate = builder().redeliveryMultiplier(5.0).maxRedeliveryDelayMillis(1000).build();

        assertEquals(500, constant.redeliveryDelayMillis(1));
        assertEquals(500, constant.redeliveryDelayMillis(30));
        assertEquals(0, immediate.redeliveryDelayMillis(1));
        assertEquals(0, immediate.redeliveryDelayMillis(30));
        assertEquals(0, DestinationSettings.defaults().redeliveryDelayMillis(3));
        assertEquals("failedDeliveries must be at least 1, not 0", refused(() -> constant.redeliveryDelayMillis(0)));
    }

    @Test
    void aMaximumBelowTheDelayFromAnotherLayerCapsIt() {
        DestinationSettings settings = builder().maxRedeliveryDelayMillis(50).build()
                .overriddenBy(builder().redeliveryDelayMillis(200).build());

        assertEquals(50, settings.redeliveryDelayMillis(1));
    }

    @Test
    void settersRefuseOutOfRangeValuesNamingFieldAndValue() {
        assertEquals("redeliveryDelayMillis must be >= 0, not -1", refused(() -> builder().redeliveryDelayMillis(-1)));
        assertEquals("redeliveryMultiplier must be a finite number >= 1.0, not 0.5",
                refused(() -> builder().redeliveryMultiplier(0.5)));
        assertEquals("redeliveryMultiplier must be a finite number >= 1.0, not NaN",
                refused(() -> builder().redeliveryMultiplier(Double.NaN)));
        assertEquals("redeliveryMultiplier must be a finite number >= 1.0, not Infinity",
                refused(() -> builder().redeliveryMultiplier(Double.POSITIVE_INFINITY)));
        assertEquals("maxRedeliveryDelayMillis must be >= 0, not -5",
                refused(() -> builder().maxRedeliveryDelayMillis(-5)));
        assertEquals("deadLetterQueue must be a queue name or null (none), not ' '",
                refused(() -> builder().deadLetterQueue(" ")));
        assertEquals("expiryQueue must be a queue name or null (none), not ''", refused(() -> builder().expiryQueue("")));
        assertEquals("maxMessageBytes must be -1 (unlimited) or >= 1, not 0", refused(() -> builder().maxMessageBytes(0)));
        assertEquals("maxDepth must be -1 (unlimited) or >= 1, not -2", refused(() -> builder().maxDepth(-2)));
        assertEquals("maxBytes must be -1 (unlimited) or >= 1, not 0", refused(() -> builder().maxBytes(0)));
        assertEquals("blockTimeoutMillis must be >= 0, not -1", refused(() -> builder().blockTimeoutMillis(-1)));
        assertEquals("duplicateCacheSize must be >= 0, not -1", refused(() -> builder().duplicateCacheSize(-1)));
        assertEquals("memoryWindowBytes must be -1 (unlimited) or >= 1, not 0",
                refused(() -> builder().memoryWindowBytes(0)));
        assertThrows(NullPointerException.class, () -> builder().fullPolicy(null));
    }

    @Test
    void boundaryValuesAreAccepted() {
        DestinationSettings settings = builder().maxDeliveryAttempts(-1).redeliveryDelayMillis(0)
                .redeliveryMultiplier(1.0).maxRedeliveryDelayMillis(0).maxMessageBytes(1).maxDepth(-1).maxBytes(1)
                .blockTimeoutMillis(0).duplicateCacheSize(0).memoryWindowBytes(1).build();

        assertEquals(-1, settings.maxDeliveryAttempts(), "0 or less: never dead-lettered");
        assertEquals(0, settings.duplicateCacheSize());
        assertEquals(1, settings.memoryWindowBytes());
    }

    @Test
    void buildRefusesAMaximumShorterThanTheDelaySetBesideIt() {
        assertEquals("maxRedeliveryDelayMillis 100 is shorter than redeliveryDelayMillis 500",
                refused(() -> builder().redeliveryDelayMillis(500).maxRedeliveryDelayMillis(100).build()));
    }

    @Test
    void equalValuesSetTheSameFieldsToTheSameValues() {
        DestinationSettings a = builder().maxDepth(5).deadLetterQueue(null).redeliveryMultiplier(1.5).build();
        DestinationSettings b = builder().redeliveryMultiplier(1.5).deadLetterQueue(null).maxDepth(5).build();

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(builder().maxDeliveryAttempts(10).build(), builder().build(),
                "setting a field to its default value is not leaving it unset");
        assertEquals("DestinationSettings[redeliveryMultiplier=1.5, deadLetterQueue=null, maxDepth=5]", a.toString());
        assertEquals("DestinationSettings[]", builder().build().toString());
    }

    @Test
    void aBuilderCanBuildAgainAfterChanges() {
        DestinationSettings.Builder builder = builder().maxDepth(5);
        DestinationSettings first = builder.build();
        DestinationSettings second = builder.maxDepth(6).build();

        assertEquals(5, first.maxDepth());
        assertEquals(6, second.maxDepth());
    }
}
