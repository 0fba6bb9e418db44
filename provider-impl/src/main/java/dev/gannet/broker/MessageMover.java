package dev.gannet.broker;

import dev.gannet.api.MessageProperties;
import dev.gannet.log.ThrottledLog;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.store.StoreOperation;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes messages out of their queues for good when they expire or fail too many deliveries: drops them, or moves
 * them to the expiry or dead-letter queue their destination names, as new messages that say where they were and
 * why they moved. Runs the expiry work on the {@link Scheduler}: it collects the references queues set aside as
 * expired, and now and then sweeps every queue for expired messages nobody looked at.
 */
final class MessageMover {

    private static final Logger LOG = LoggerFactory.getLogger(MessageMover.class);
    /** How often waiting messages are checked for expiry (dispatch drops expired ones as well). */
    private static final long EXPIRY_SWEEP_MILLIS = 2000;
    /** How soon references that dispatch found expired leave the store, or reach the expiry queue. */
    private static final long EXPIRED_COLLECTION_MILLIS = 50;

    private final String brokerName;
    private final DestinationRegistry registry;
    private final PostOffice postOffice;
    private final ExpiredMessages expired;
    private final ThrottledLog warnings;

    MessageMover(String brokerName, DestinationRegistry registry, PostOffice postOffice, ExpiredMessages expired,
                 ThrottledLog warnings) {
        this.brokerName = brokerName;
        this.registry = registry;
        this.postOffice = postOffice;
        this.expired = expired;
        this.warnings = warnings;
    }

    /** Starts the periodic expiry work on {@code scheduler}. */
    void start(Scheduler scheduler) {
        scheduler.repeat(this::collectExpired, EXPIRED_COLLECTION_MILLIS);
        scheduler.repeat(this::sweepExpired, EXPIRY_SWEEP_MILLIS);
    }

    private void collectExpired() {
        try {
            List<MessageRef> refs = expired.take();
            if (!refs.isEmpty()) {
                expired(refs);
            }
        } catch (RuntimeException e) {
            LOG.error("Broker {}: moving expired messages failed", brokerName, e);
        }
    }

    /** Removes expired messages from every queue and subscription, and from the store. */
    private void sweepExpired() {
        try {
            long now = System.currentTimeMillis();
            for (MessageQueue queue : registry.messageQueues()) {
                expired.add(queue.expire(now));
            }
            collectExpired();
        } catch (RuntimeException e) {
            LOG.error("Broker {}: expiry sweep failed", brokerName, e);
        }
    }

    /** Expired messages leave their queues: to the expiry queue if their destination names one, else dropped. */
    private void expired(List<MessageRef> refs) {
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> moved = new ArrayList<>();
        for (MessageRef ref : refs) {
            String expiryQueue = ref.queue.settings.expiryQueue();
            ref.queue.removeExpired(ref, operations);
            if (expiryQueue != null) {
                move(ref, expiryQueue, MessageProperties.REASON_EXPIRED, operations, moved);
            }
        }
        postOffice.commitInBackground(operations, moved);
    }

    /**
     * A message was delivered {@code maxDeliveryAttempts} times without being consumed: it goes to the dead-letter
     * queue of its destination, or is dropped (and logged) if there is none.
     */
    void deadLetter(MessageRef ref) {
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> moved = new ArrayList<>();
        String deadLetterQueue = ref.queue.settings.deadLetterQueue();
        ref.queue.removeDeadLettered(ref, operations);
        if (deadLetterQueue == null) {
            warnings.warn(LOG, "Broker {}: message {} of {} failed {} deliveries and is dropped (no dead-letter queue)",
                    brokerName, ref.message.id, ref.queue.destination, ref.redeliveries());
        } else {
            move(ref, deadLetterQueue, MessageProperties.REASON_MAX_DELIVERIES, operations, moved);
        }
        postOffice.commitInBackground(operations, moved);
    }

    /**
     * Moves a message its queue removed into {@code operations} to the queue {@code target}, as a new message that
     * names where it was and why it moved, in the same store unit as the removal. An expired message loses its
     * expiration on the way.
     */
    private void move(MessageRef ref, String target, String reason, List<StoreOperation> operations,
                      List<MessageRef> moved) {
        GannetDestination to = GannetDestination.of(DestinationKind.QUEUE, target);
        if (ref.queue.destination.equals(to)) {
            warnings.warn(LOG, "Broker {}: message {} of {} is dropped ({}); it is in its own {} queue", brokerName,
                    ref.message.id, to, reason, target);
            return;
        }
        boolean expiry = MessageProperties.REASON_EXPIRED.equals(reason);
        try {
            GannetMessage copy = MessageCodec.decode(ref.message.encoded);
            copy.setStringProperty(MessageProperties.ORIGINAL_DESTINATION, ref.queue.destination.toString());
            copy.setStringProperty(MessageProperties.REASON, reason);
            copy.setIntProperty(MessageProperties.DELIVERY_ATTEMPTS, ref.redeliveries());
            copy.setJMSDestination(to);
            if (expiry) {
                copy.setJMSExpiration(0);
            }
            ServerMessage message = new ServerMessage(postOffice.nextMessageId(), ref.message.persistent,
                    ref.message.priority, expiry ? 0 : ref.message.expiration, 0, ref.message.groupId,
                    MessageCodec.encode(copy), null);
            moved.addAll(postOffice.route(to, message, operations));
            LOG.debug("Broker {}: message {} of {} moved to {} ({})", brokerName, ref.message.id,
                    ref.queue.destination, to, reason);
        } catch (JMSException e) {
            LOG.error("Broker {}: message {} of {} cannot be moved to {} ({}); it is dropped", brokerName,
                    ref.message.id, ref.queue.destination, to, reason, e);
        }
    }
}
