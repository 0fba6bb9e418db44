package dev.gannet.ra.inbound;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GannetActivationSpec.validate} (Connectors 2.1 section 13.4.2): every wrong property named, and why. */
class ActivationSpecValidationTest {

    private static GannetActivationSpec queueSpec() {
        GannetActivationSpec spec = new GannetActivationSpec();
        spec.setDestination("orders");
        spec.setDestinationType("jakarta.jms.Queue");
        return spec;
    }

    private static InvalidPropertyException invalid(GannetActivationSpec spec) {
        return assertThrows(InvalidPropertyException.class, spec::validate);
    }

    private static List<String> invalidNames(InvalidPropertyException e) {
        PropertyDescriptor[] descriptors = e.getInvalidPropertyDescriptors();
        return Arrays.stream(descriptors).map(PropertyDescriptor::getName).toList();
    }

    @Test
    void aQueueByNameOrByLookupIsValidWithDefaultsForTheRest() {
        assertDoesNotThrow(queueSpec()::validate);
        GannetActivationSpec lookedUp = new GannetActivationSpec();
        lookedUp.setDestinationLookup("java:global/jms/orders");
        lookedUp.setDestinationType("jakarta.jms.Queue");
        assertDoesNotThrow(lookedUp::validate);
        assertEquals("Auto-acknowledge", lookedUp.getAcknowledgeMode());
        assertEquals("NonDurable", lookedUp.getSubscriptionDurability());
        assertEquals(15, lookedUp.getMaxSession());
    }

    @Test
    void aDurableSharedOrClientIdentifiedTopicSubscriptionIsValid() {
        GannetActivationSpec durable = new GannetActivationSpec();
        durable.setDestination("prices");
        durable.setDestinationType("jakarta.jms.Topic");
        durable.setSubscriptionDurability("Durable");
        durable.setSubscriptionName("audit");
        durable.setClientId("auditor");
        durable.setAcknowledgeMode("Dups-ok-acknowledge");
        assertDoesNotThrow(durable::validate);
        durable.setClientId(null);
        durable.setShareSubscriptions(true);
        assertDoesNotThrow(durable::validate);
    }

    @Test
    void neitherDestinationNorLookupIsNamed() {
        GannetActivationSpec spec = queueSpec();
        spec.setDestination(" ");
        InvalidPropertyException e = invalid(spec);
        assertTrue(e.getMessage().contains("neither destination nor destinationLookup"), e.getMessage());
        assertEquals(List.of("destination"), invalidNames(e));
    }

    @Test
    void destinationTypeMustBeQueueOrTopicAndIsRequired() {
        GannetActivationSpec spec = queueSpec();
        spec.setDestinationType("javax.jms.Queue");
        InvalidPropertyException wrong = invalid(spec);
        assertTrue(wrong.getMessage().contains("destinationType: must be jakarta.jms.Queue or jakarta.jms.Topic, not"
                + " 'javax.jms.Queue'"), wrong.getMessage());
        spec.setDestinationType(null);
        assertTrue(invalid(spec).getMessage().contains("destinationType: is not set"));
    }

    @Test
    void acknowledgeModeIsAutoOrDupsOk() {
        GannetActivationSpec spec = queueSpec();
        spec.setAcknowledgeMode("Client-acknowledge");
        InvalidPropertyException e = invalid(spec);
        assertEquals(List.of("acknowledgeMode"), invalidNames(e));
        assertTrue(e.getMessage().contains("'Client-acknowledge'"), e.getMessage());
    }

    @Test
    void durabilityIsDurableOrNonDurableAndDurableOnlyOnTopics() {
        GannetActivationSpec spec = queueSpec();
        spec.setSubscriptionDurability("Forever");
        assertEquals(List.of("subscriptionDurability"), invalidNames(invalid(spec)));
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("audit");
        spec.setClientId("auditor");
        InvalidPropertyException onQueue = invalid(spec);
        assertTrue(onQueue.getMessage().contains("Durable applies to topics only"), onQueue.getMessage());
    }

    @Test
    void aDurableSubscriptionNeedsANameAndUnsharedAClientId() {
        GannetActivationSpec spec = new GannetActivationSpec();
        spec.setDestination("prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        InvalidPropertyException e = invalid(spec);
        assertEquals(List.of("subscriptionName", "clientId"), invalidNames(e));
        assertTrue(e.getMessage().contains("a durable subscription needs a name"), e.getMessage());
        assertTrue(e.getMessage().contains("an unshared durable subscription belongs to a client ID"),
                e.getMessage());
    }

    @Test
    void aSharedSubscriptionNeedsAName() {
        GannetActivationSpec spec = new GannetActivationSpec();
        spec.setDestination("prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setShareSubscriptions(true);
        assertEquals(List.of("subscriptionName"), invalidNames(invalid(spec)));
    }

    @Test
    void maxSessionIsAtLeastOne() {
        GannetActivationSpec spec = queueSpec();
        spec.setMaxSession(0);
        InvalidPropertyException e = invalid(spec);
        assertEquals(List.of("maxSession"), invalidNames(e));
        assertTrue(e.getMessage().contains("maxSession: must be at least 1, not 0"), e.getMessage());
    }

    @Test
    void everyWrongPropertyIsNamedInOneException() {
        GannetActivationSpec spec = new GannetActivationSpec();
        spec.setAcknowledgeMode("never");
        spec.setMaxSession(-2);
        assertEquals(List.of("destination", "destinationType", "acknowledgeMode", "maxSession"),
                invalidNames(invalid(spec)));
    }
}
