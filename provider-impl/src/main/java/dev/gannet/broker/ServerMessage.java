package dev.gannet.broker;

import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.selector.Filterable;
import dev.gannet.store.StoredMessage;
import jakarta.jms.JMSException;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A message inside the broker: immutable routing data and the encoded message, shared by every queue that holds
 * a reference to it.
 */
final class ServerMessage {

    final long id;
    final boolean persistent;
    final int priority;
    final long expiration;
    final long deliveryTime;
    /** JMSXGroupID, or null. */
    final String groupId;
    final byte[] encoded;
    /** The connection that sent it, for noLocal; null after a restart. */
    final ServerConnection origin;
    /** How many durable queues still hold it; at zero the stored message is removed. */
    final AtomicInteger storedReferences = new AtomicInteger();
    private volatile GannetMessage decoded; // decoded once, on the first selector evaluation

    ServerMessage(long id, boolean persistent, int priority, long expiration, long deliveryTime, String groupId,
                  byte[] encoded, ServerConnection origin) {
        this.id = id;
        this.persistent = persistent;
        this.priority = priority;
        this.expiration = expiration;
        this.deliveryTime = deliveryTime;
        this.groupId = groupId;
        this.encoded = encoded;
        this.origin = origin;
    }

    static ServerMessage recovered(StoredMessage stored) {
        return new ServerMessage(stored.id(), true, stored.priority(), stored.expiration(), stored.deliveryTime(),
                stored.groupId(), stored.encoded(), null);
    }

    StoredMessage toStored() {
        return new StoredMessage(id, priority, expiration, deliveryTime, groupId, encoded);
    }

    boolean isExpired(long now) {
        return expiration != 0 && now >= expiration;
    }

    /** The message as selectors see it. */
    Filterable filterable() throws JMSException {
        GannetMessage message = decoded;
        if (message == null) {
            message = MessageCodec.decode(encoded);
            decoded = message;
        }
        return message;
    }
}
