package dev.gannet.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link DestinationPolicies}: Artemis-style wildcard matching, specificity, and field-by-field layering. */
class DestinationPoliciesTest {

    /** Settings that only mark which pattern supplied them, through maxDeliveryAttempts. */
    private static DestinationSettings mark(int attempts) {
        return DestinationSettings.builder().maxDeliveryAttempts(attempts).build();
    }

    private static boolean matches(String pattern, String name) {
        DestinationPolicies policies = DestinationPolicies.builder().add(pattern, mark(1)).build();
        return policies.settingsFor(name).maxDeliveryAttempts() == 1;
    }

    @Test
    void withoutPatternsEveryDestinationHasTheDefaults() {
        assertSame(DestinationSettings.defaults(), DestinationPolicies.none().settingsFor("orders"));
        assertEquals(DestinationSettings.defaults(), DestinationPolicies.builder().build().settingsFor("a.b.c"));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "orders,       orders,       true",
            "orders,       orders.eu,    false",
            "orders,       order,        false",
            "orders.eu,    orders.eu,    true",
            "orders.*,     orders.eu,    true",
            "orders.*,     orders,       false",
            "orders.*,     orders.eu.de, false",
            "*,            orders,       true",
            "*,            orders.eu,    false",
            "*.eu,         orders.eu,    true",
            "*.eu,         eu,           false",
            "*.*,          a.b,          true",
            "orders.#,     orders,       true",
            "orders.#,     orders.eu,    true",
            "orders.#,     orders.eu.de, true",
            "orders.#,     ordersx,      false",
            "orders.#,     x.orders,     false",
            "#,            orders,       true",
            "#,            orders.eu.de, true",
            "#.eu,         eu,           true",
            "#.eu,         orders.eu,    true",
            "#.eu,         orders.eu.x,  false",
            "a.#.z,        a.z,          true",
            "a.#.z,        a.b.z,        true",
            "a.#.z,        a.b.c.z,      true",
            "a.#.z,        a.b,          false",
            "a.#.z,        a.z.b,        false",
            "a.#.z,        z,            false",
            "a.#.*,        a,            false",
            "a.#.*,        a.b,          true",
            "a.#.*,        a.b.c,        true",
            "#.a.#,        a,            true",
            "#.a.#,        x.a.y,        true",
            "#.a.#,        x.b.y,        false",
            "#.#,          a.b.c,        true",
            "a.*.#.c,      a.b.c,        true",
            "a.*.#.c,      a.c,          false"})
    void wildcardsMatchWholeWords(String pattern, String name, boolean expected) {
        assertEquals(expected, matches(pattern, name));
    }

    @Test
    void hashAloneMatchesEveryNameEvenOneWithoutWords() {
        assertTrue(matches("#", ""));
        assertTrue(matches("#", "a"));
    }

    @Test
    void mostSpecificPatternWinsInTheDocumentedOrder() {
        DestinationPolicies policies = DestinationPolicies.builder()
                .add("#", mark(1)).add("*.eu", mark(2)).add("orders.#", mark(3)).add("orders.*", mark(4))
                .add("orders.eu", mark(5)).build();

        assertEquals(5, policies.settingsFor("orders.eu").maxDeliveryAttempts(), "the exact name");
        assertEquals(4, policies.settingsFor("orders.us").maxDeliveryAttempts(), "literal, then * beats #");
        assertEquals(3, policies.settingsFor("orders.us.east").maxDeliveryAttempts());
        assertEquals(2, policies.settingsFor("billing.eu").maxDeliveryAttempts(), "* beats # in the first word");
        assertEquals(1, policies.settingsFor("billing").maxDeliveryAttempts());
        assertEquals(List.of("#", "*.eu", "orders.#", "orders.*", "orders.eu"),
                List.copyOf(policies.patterns().keySet()), "least specific first");
    }

    @Test
    void exactNameBeatsALongerWildcardPatternAndLongerBeatsShorterOtherwise() {
        DestinationPolicies policies = DestinationPolicies.builder()
                .add("a.b.#", mark(1)).add("a.b", mark(2)).add("a.*", mark(3)).add("a.*.#", mark(4)).build();

        assertEquals(2, policies.settingsFor("a.b").maxDeliveryAttempts(), "exact beats a.b.#");
        assertEquals(4, policies.settingsFor("a.c").maxDeliveryAttempts(), "a.*.# beats a.*: equal so far, longer");
    }

    @Test
    void equallySpecificPatternsApplyInTextOrderWhateverTheOrderTheyWereAdded() {
        DestinationPolicies one = DestinationPolicies.builder().add("#.eu.#", mark(1)).add("#.de.#", mark(2)).build();
        DestinationPolicies other = DestinationPolicies.builder().add("#.de.#", mark(2)).add("#.eu.#", mark(1)).build();

        assertEquals(1, one.settingsFor("eu.de").maxDeliveryAttempts(), "'#.eu.#' sorts after '#.de.#'");
        assertEquals(1, other.settingsFor("eu.de").maxDeliveryAttempts());
        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
    }

    @Test
    void everyMatchingPatternContributesTheFieldsItSets() {
        DestinationPolicies policies = DestinationPolicies.builder()
                .add("orders.eu", DestinationSettings.builder().deadLetterQueue(null).build())
                .add("#", DestinationSettings.builder().maxDeliveryAttempts(3).deadLetterQueue("all.DLQ")
                        .maxDepth(1000).build())
                .add("orders.#", DestinationSettings.builder().redeliveryDelayMillis(200).maxDepth(50).build())
                .add("billing.#", DestinationSettings.builder().maxBytes(1).build())
                .build();

        DestinationSettings eu = policies.settingsFor("orders.eu");

        assertEquals(DestinationSettings.defaults().overriddenBy(DestinationSettings.builder().maxDeliveryAttempts(3)
                .deadLetterQueue(null).maxDepth(50).redeliveryDelayMillis(200).build()), eu);
        assertNull(eu.deadLetterQueue(), "the exact name turned dead-lettering off");
        assertEquals(3, eu.maxDeliveryAttempts(), "from #");
        assertEquals(200, eu.redeliveryDelayMillis(), "from orders.#");
        assertEquals(2000, eu.maxRedeliveryDelayMillis(), "follows the delay that applies");
        assertEquals(50, eu.maxDepth(), "orders.# beats #");
        assertEquals(-1, eu.maxBytes(), "billing.# does not match");
        assertEquals("all.DLQ", policies.settingsFor("orders.us").deadLetterQueue());
        assertEquals(DestinationSettings.defaults().memoryWindowBytes(), eu.memoryWindowBytes());
    }

    @Test
    void addingAPatternAgainMergesTheLaterSettingsOverTheEarlier() {
        DestinationPolicies policies = DestinationPolicies.builder()
                .add("orders", DestinationSettings.builder().maxDepth(5).maxBytes(100).build())
                .add("orders", DestinationSettings.builder().maxDepth(7).build())
                .build();

        assertEquals(7, policies.settingsFor("orders").maxDepth());
        assertEquals(100, policies.settingsFor("orders").maxBytes());
        assertEquals(1, policies.patterns().size());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"     | Destination pattern '' is empty",
            "a..b     | Destination pattern 'a..b' has an empty word; separate words with single '.'",
            ".a       | Destination pattern '.a' has an empty word; separate words with single '.'",
            "a.       | Destination pattern 'a.' has an empty word; separate words with single '.'",
            "orders*  | Destination pattern 'orders*' has word 'orders*': '*' and '#' must stand alone as words",
            "a.b#.c   | Destination pattern 'a.b#.c' has word 'b#': '*' and '#' must stand alone as words"})
    void invalidPatternsAreRefusedNamingThePattern(String pattern, String message) {
        DestinationPolicies.Builder builder = DestinationPolicies.builder();

        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> builder.add(pattern, mark(1))).getMessage());
    }

    @Test
    void answersStayRightPastTheCacheBound() {
        DestinationPolicies policies = DestinationPolicies.builder().add("q.*", mark(4)).build();

        for (int i = 0; i < 3000; i++) {
            assertEquals(4, policies.settingsFor("q." + i).maxDeliveryAttempts());
            assertEquals(10, policies.settingsFor("r." + i).maxDeliveryAttempts());
        }
    }

    @Test
    void concurrentLookupsAgree() throws Exception {
        DestinationPolicies policies = DestinationPolicies.builder().add("q.#", mark(4)).add("q.*.x", mark(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Boolean> lookups = () -> {
                for (int i = 0; i < 5000; i++) {
                    if (policies.settingsFor("q." + (i % 1500) + ".x").maxDeliveryAttempts() != 5
                            || policies.settingsFor("q." + (i % 1500)).maxDeliveryAttempts() != 4) {
                        return false;
                    }
                }
                return true;
            };
            for (Future<Boolean> result : pool.invokeAll(List.of(lookups, lookups, lookups, lookups))) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addAllCopiesAnotherPolicySet() {
        DestinationPolicies base = DestinationPolicies.builder().add("#", mark(2)).build();

        DestinationPolicies extended = DestinationPolicies.builder().addAll(base).add("a", mark(3)).build();

        assertEquals(2, extended.settingsFor("b").maxDeliveryAttempts());
        assertEquals(3, extended.settingsFor("a").maxDeliveryAttempts());
        assertEquals("DestinationPolicies{#=DestinationSettings[maxDeliveryAttempts=2], "
                + "a=DestinationSettings[maxDeliveryAttempts=3]}", extended.toString());
    }
}
