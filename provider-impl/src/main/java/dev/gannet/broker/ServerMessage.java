package dev.gannet.broker;

import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.selector.Filterable;
import dev.gannet.store.StoredMessage;
import jakarta.jms.JMSException;

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
    /**
     * How many durable queues it was stored for: with one, consuming it removes it from the store; with more, each
     * queue counts it down (see {@link dev.gannet.store.StoreOperation.ReleaseMessage}). Set while routing.
     */
    int storedReferences;
    /** Releases the duplicate ID this message claimed, should its store write fail; null if it claimed none. */
    Runnable duplicateClaim;
    private volatile GannetMessage decoded; // headers and properties, decoded on the first selector evaluation

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
        ServerMessage message = new ServerMessage(stored.id(), true, stored.priority(), stored.expiration(),
                stored.deliveryTime(), stored.groupId(), stored.encoded(), null);
        message.storedReferences = stored.references();
        return message;
    }

    StoredMessage toStored() {
        return new StoredMessage(id, priority, expiration, deliveryTime, groupId, encoded, storedReferences);
    }

    boolean isExpired(long now) {
        return expiration != 0 && now >= expiration;
    }

    /** The message as selectors see it. */
    Filterable filterable() throws JMSException {
        GannetMessage message = decoded;
        if (message == null) {
            message = MessageCodec.decodeForSelection(encoded);
            decoded = message;
        }
        return message;
    }
}
