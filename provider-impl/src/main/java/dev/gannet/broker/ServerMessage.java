package dev.gannet.broker;

import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.selector.Filterable;
import dev.gannet.store.StoredMessage;
import jakarta.jms.MessageFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.SoftReference;

/**
 * A message inside the broker: immutable routing data and the encoded message, shared by every queue that holds
 * a reference to it.
 */
final class ServerMessage {

    private static final Logger LOG = LoggerFactory.getLogger(ServerMessage.class);

    final long id;
    final boolean persistent;
    final int priority;
    final long expiration;
    final long deliveryTime;
    /** JMSXGroupID, or null. */
    final String groupId;
    final byte[] encoded;
    /** Who sent it, for noLocal; null after a restart and for messages the broker made. */
    final Origin origin;
    /**
     * How many durable queues it was stored for: with one, consuming it removes it from the store; with more, each
     * queue counts it down (see {@link dev.gannet.store.StoreOperation.ReleaseMessage}). Set while routing.
     */
    int storedReferences;
    /** Releases the duplicate ID this message claimed, should its store write fail; null if it claimed none. */
    Runnable duplicateClaim;
    /**
     * The duplicate ID reserved for it when it was sent in an XA branch, to be stored when the branch prepares or
     * commits; null if none was (see {@link DuplicateDetection#reserve}).
     */
    DuplicateDetection.ReservedDuplicate reservedDuplicate;
    /**
     * Headers and properties, decoded on the first selector evaluation and kept softly (they are not counted in the
     * memory budget: under memory pressure the collector drops them and the next evaluation decodes again); or the
     * failure that decoding gave, kept so that a message the broker cannot read is decoded and logged once, not at
     * every evaluation.
     */
    private volatile Object decoded;

    ServerMessage(long id, boolean persistent, int priority, long expiration, long deliveryTime, String groupId,
                  byte[] encoded, Origin origin) {
        this.id = id;
        this.persistent = persistent;
        this.priority = priority;
        this.expiration = expiration;
        this.deliveryTime = deliveryTime;
        this.groupId = groupId;
        this.encoded = encoded;
        this.origin = origin;
    }

    /**
     * What a message keeps of the connection that sent it: enough for noLocal (spec 6.11), and not the connection
     * itself, which must be free to go when it closes while its messages wait in queues.
     */
    record Origin(long connectionId, String clientId) {
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

    /**
     * The message's headers and properties, without its body: what {@link #filterable()} decodes, as a message.
     *
     * @throws MessageFormatException as {@link #filterable()}
     */
    GannetMessage headers() throws MessageFormatException {
        return (GannetMessage) filterable();
    }

    /**
     * The message as selectors see it.
     *
     * @throws MessageFormatException if its headers or properties cannot be read (only a message stored by an older
     *         broker can be so: sends are checked); the same exception every time, logged the first time
     */
    @SuppressWarnings("unchecked")
    Filterable filterable() throws MessageFormatException {
        Object state = decoded;
        if (state instanceof MessageFormatException unreadable) {
            throw unreadable;
        }
        GannetMessage headers = state == null ? null : ((SoftReference<GannetMessage>) state).get();
        if (headers == null) {
            try {
                headers = MessageCodec.decodeForSelection(encoded);
            } catch (MessageFormatException e) {
                LOG.warn("Message {} cannot be read for selectors, so every consumer and subscription with a selector"
                        + " skips it: {}", id, e.getMessage());
                decoded = e;
                throw e;
            }
            decoded = new SoftReference<>(headers);
        }
        return headers;
    }
}
