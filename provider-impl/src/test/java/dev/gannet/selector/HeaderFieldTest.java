package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.parse;
import static dev.gannet.selector.Selectors.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec 3.8.1.1 and 3.8.1.3: header field references are JMSDeliveryMode ('PERSISTENT' or 'NON_PERSISTENT'),
 * JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID and JMSType; their types are known when parsing.
 */
class HeaderFieldTest {

    @Test
    void deliveryModeIsAString() {
        assertTrue(matches("JMSDeliveryMode = 'PERSISTENT'", "JMSDeliveryMode", "PERSISTENT"));
        assertFalse(matches("JMSDeliveryMode = 'PERSISTENT'", "JMSDeliveryMode", "NON_PERSISTENT"));
        assertTrue(matches("JMSDeliveryMode <> 'PERSISTENT'", "JMSDeliveryMode", "NON_PERSISTENT"));
        assertTrue(matches("JMSDeliveryMode IN ('NON_PERSISTENT')", "JMSDeliveryMode", "NON_PERSISTENT"));
    }

    @Test
    void priorityIsANumber() {
        assertTrue(matches("JMSPriority > 4", "JMSPriority", 9));
        assertTrue(matches("JMSPriority BETWEEN 0 AND 4", "JMSPriority", 4));
        assertTrue(matches("JMSPriority + 1 = 5", "JMSPriority", 4));
        assertTrue(matches("JMSPriority = 4.0", "JMSPriority", 4));
    }

    @Test
    void timestampIsALongInMilliseconds() {
        long now = 1_700_000_000_123L;
        assertTrue(matches("JMSTimestamp = 1700000000123", "JMSTimestamp", now));
        assertTrue(matches("JMSTimestamp > 1700000000000 AND JMSTimestamp < 1800000000000L", "JMSTimestamp", now));
        assertTrue(matches("JMSTimestamp / 1000 = 1700000000", "JMSTimestamp", now));
    }

    @Test
    void messageIdCorrelationIdAndTypeAreStrings() {
        assertTrue(matches("JMSMessageID LIKE 'ID:%'", "JMSMessageID", "ID:gannet-1-2-3"));
        assertTrue(matches("JMSCorrelationID = 'order-7'", "JMSCorrelationID", "order-7"));
        // TCK selectorTest01, selectorTest02, comparisonTest08
        assertTrue(matches("JMSType='literal'", "JMSType", "literal"));
        assertTrue(matches("JMSType='literal''s'", "JMSType", "literal's"));
        assertTrue(matches("JMSType = 'foo' AND myProp <> 'not_foo'", "JMSType", "foo", "myProp", "foo"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JMSMessageID", "JMSCorrelationID", "JMSType"})
    void nullStringHeadersAreNull(String header) {
        assertTrue(matches(header + " IS NULL"));
        assertFalse(matches(header + " = 'x'"));
        assertFalse(matches(header + " <> 'x'"));
        assertFalse(matches(header + " NOT LIKE 'x'"));
    }

    @Test
    void theSpecExampleSelectsBlueCarsOver2500Pounds() {
        String selector = "JMSType = 'car' AND color = 'blue' AND weight > 2500";
        assertTrue(matches(selector, "JMSType", "car", "color", "blue", "weight", 2600));
        assertFalse(matches(selector, "JMSType", "car", "color", "blue", "weight", 2500));
        assertFalse(matches(selector, "JMSType", "van", "color", "blue", "weight", 2600));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "JMSPriority = 'high'            | '=' cannot compare a number with a string at position 12",
        "JMSDeliveryMode = 2             | '=' cannot compare a string with a number at position 16",
        "JMSTimestamp <> TRUE            | '<>' cannot compare a number with a boolean at position 13",
        "JMSType > 1                     | '>' needs a number but found a string at position 0",
        "JMSType + 1 = 2                 | '+' needs a number but found a string at position 0",
        "-JMSMessageID = 1               | unary '-' needs a number but found a string at position 1",
        "JMSCorrelationID BETWEEN 1 AND 2| BETWEEN needs a number but found a string at position 0",
        "JMSPriority LIKE '1%'           | LIKE needs a string but JMSPriority is a number at position 0",
        "JMSTimestamp NOT IN ('1')       | IN needs a string but JMSTimestamp is a number at position 0",
        "JMSType                         | a selector needs a condition but found a string at position 0",
        "JMSPriority AND TRUE            | AND needs a condition but found a number at position 0",
    })
    void headerFieldsAreTypeCheckedWhenParsed(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JMSRedelivered = TRUE", "JMSExpiration > 0", "JMSDestination = 'queue://q'",
        "JMSDeliveryTime > 0", "JMSReplyTo IS NULL", "JMSXDeliveryCount > 1", "JMSXGroupID = 'g'",
        "JMS_gannet_Tag = 'x'", "jmstype > 1", "JMSPRIORITY = 'x'"})
    void otherIdentifiersAreUntypedPropertyReferencesLookedUpVerbatim(String selector) {
        List<String> asked = new ArrayList<>();
        Selector parsed = parse(selector);
        parsed.matches(identifier -> {
            asked.add(identifier);
            return null;
        });
        assertEquals(List.of(selector.substring(0, selector.indexOf(' '))), asked);
    }

    @Test
    void jmsxPropertiesAreReadLikeAnyProperty() {
        assertTrue(matches("JMSXDeliveryCount > 1", "JMSXDeliveryCount", 2));
        assertTrue(matches("JMSXGroupID = 'g' AND JMSXGroupSeq = 3", "JMSXGroupID", "g", "JMSXGroupSeq", 3));
    }
}
