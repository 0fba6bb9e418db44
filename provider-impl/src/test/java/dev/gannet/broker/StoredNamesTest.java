package dev.gannet.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The names queues and durable subscriptions have in the store are the ones earlier brokers wrote, byte for byte:
 * a store written before the typed keys must load unchanged, and what is written now must load in an older broker.
 */
class StoredNamesTest {

    @Test
    void aQueueIsStoredAsQueueColonName() {
        assertEquals("queue:orders.in", new QueueKey("orders.in").storeName());
        assertEquals(new QueueKey("orders.in"), QueueKey.fromStoreName("queue:orders.in"));
        assertEquals(new QueueKey("a:b"), QueueKey.fromStoreName("queue:a:b"));
    }

    @Test
    void aNameThatIsNoQueuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueueKey.fromStoreName("queue:"));
        assertThrows(IllegalArgumentException.class, () -> QueueKey.fromStoreName("durable:-:s"));
    }

    @Test
    void aDurableSubscriptionIsStoredWithTheLengthOfItsClientId() {
        SubscriptionKey key = new SubscriptionKey(true, "app:1/x", "audit:all");
        assertEquals("durable:7/app:1/x:audit:all", key.storeName());
        assertEquals(key, SubscriptionKey.fromStoreName("durable:7/app:1/x:audit:all"));
    }

    @Test
    void aDurableSubscriptionWithoutClientIdIsStoredWithADash() {
        SubscriptionKey key = new SubscriptionKey(true, null, "audit");
        assertEquals("durable:-:audit", key.storeName());
        assertEquals(key, SubscriptionKey.fromStoreName("durable:-:audit"));
    }

    @Test
    void aSharedNonDurableSubscriptionIsNamedSharedColon() {
        assertEquals("shared:3/abc:s", new SubscriptionKey(false, "abc", "s").storeName());
        assertEquals("shared:-:s", new SubscriptionKey(false, null, "s").storeName());
    }

    @Test
    void aNameThatIsNoDurableSubscriptionsIsRefused() {
        for (String name : new String[] {"shared:-:s", "durable:x/abc:s", "durable:4/abc:s", "durable:0/:s",
                "durable:abc"}) {
            assertThrows(IllegalArgumentException.class, () -> SubscriptionKey.fromStoreName(name), name);
        }
    }
}
