package dev.gannet.broker;

import dev.gannet.api.MessageProperties;
import dev.gannet.log.ThrottledLog;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.store.StoreOperation;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Takes messages out of their queues for good when they expire or fail too many deliveries: drops them, or moves
 * them to the expiry or dead-letter queue their destination names, as new messages that say where they were and
 * why they moved. Runs the expiry work on the {@link Scheduler}: it collects the references queues set aside as
 * expired, and now and then sweeps every queue for expired messages nobody looked at.
 *
 * <p>For management it also removes waiting messages (as consumed) and moves them to another queue or back where
 * they were dead-lettered or expired from ({@link #remove}, {@link #move}, {@link #retry}): a {@link QueueSweep}
 * takes them out a batch at a time, and each batch is one store transaction, in which a moved message leaves its
 * queue and its copy enters the target, so that after a crash it is in exactly one of them.
 */
final class MessageMover {

    private static final Logger LOG = LoggerFactory.getLogger(MessageMover.class);
    /** How often waiting messages are checked for expiry (dispatch drops expired ones as well). */
    private static final long EXPIRY_SWEEP_MILLIS = 2000;
    /** How soon references that dispatch found expired leave the store, or reach the expiry queue. */
    private static final long EXPIRED_COLLECTION_MILLIS = 50;
    /** Messages a management operation takes out and writes per store transaction. */
    static final int BATCH = 500;
    /** The properties {@link #move} adds to an expired or dead-lettered message; a retry takes them off again. */
    private static final Set<String> MOVE_PROPERTIES = Set.of(MessageProperties.ORIGINAL_DESTINATION,
            MessageProperties.REASON, MessageProperties.DELIVERY_ATTEMPTS, MessageProperties.ORIGINAL_SUBSCRIPTION,
            MessageProperties.ORIGINAL_CLIENT_ID, MessageProperties.ORIGINAL_SUBSCRIPTION_DURABLE);

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
            SubscriptionKey subscription = subscriptionOf(ref.queue);
            if (subscription != null) {
                copy.setStringProperty(MessageProperties.ORIGINAL_SUBSCRIPTION, subscription.name());
                copy.setBooleanProperty(MessageProperties.ORIGINAL_SUBSCRIPTION_DURABLE, subscription.durable());
                if (subscription.clientId() != null) {
                    copy.setStringProperty(MessageProperties.ORIGINAL_CLIENT_ID, subscription.clientId());
                }
            }
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

    /** The key of the named subscription whose queue {@code queue} is; null for a queue or an unnamed subscription. */
    private SubscriptionKey subscriptionOf(MessageQueue queue) {
        if (queue.destination.kind().isQueue()) {
            return null;
        }
        TopicDestination topic = registry.existingTopic(new TopicKey(queue.destination.name()));
        if (topic != null) {
            for (Subscription subscription : topic.subscriptions()) {
                if (subscription.queue() == queue) {
                    return subscription.key();
                }
            }
        }
        return null;
    }

    // ---- management

    /**
     * Removes up to {@code max} waiting messages of {@code queue} that {@code wanted} selects, each consumed as an
     * acknowledgement consumes it (its reference leaves the store, and the message too if no other queue holds it;
     * it counts as acknowledged); a store transaction per {@link #BATCH}. Answers how many were removed.
     *
     * @throws JMSException if the store cannot be read or written: what the failing batch took stays in the queue
     */
    long remove(MessageQueue queue, Predicate<ServerMessage> wanted, long max) throws JMSException {
        QueueSweep sweep = new QueueSweep(queue, wanted, postOffice.lastMessageId());
        long removed = 0;
        while (removed < max) {
            List<MessageRef> refs = sweep.next(batch(max - removed));
            if (refs.isEmpty()) {
                break;
            }
            List<StoreOperation> operations = new ArrayList<>();
            refs.forEach(ref -> queue.removalOf(ref, operations));
            awaitWrite(postOffice.commitRouted(operations, List.of()), queue, refs);
            refs.forEach(queue::consumed);
            removed += refs.size();
        }
        LOG.info("Broker {}: {} message(s) removed from {} by management", brokerName, removed, queue);
        return removed;
    }

    /**
     * Moves up to {@code max} waiting messages of {@code from} that {@code wanted} selects to the queue {@code to}
     * (created on first use, as a send creates it), in delivery order; see {@link #transfer}. Answers how many moved.
     *
     * @throws InvalidDestinationException if {@code to} is not a permanent queue, or is {@code from} itself
     * @throws JMSException                if the store cannot be read or written (see {@link #transfer})
     */
    long move(MessageQueue from, Predicate<ServerMessage> wanted, long max, GannetDestination to)
            throws JMSException {
        if (to.kind() != DestinationKind.QUEUE) {
            throw new InvalidDestinationException("Messages can be moved to a permanent queue only, not to " + to);
        }
        if (to.equals(from.destination)) {
            throw new InvalidDestinationException("The messages are in " + to + " already");
        }
        registry.queueFor(to); // refuses the name of a temporary queue; made on first use, as a send makes it
        long moved = transfer(from, wanted, max, ref -> new Placement(to, List.of(registry.queueFor(to).queue()),
                false));
        LOG.info("Broker {}: {} message(s) moved from {} to {} by management", brokerName, moved, from, to);
        return moved;
    }

    /**
     * Sends up to {@code max} waiting messages of {@code from} that {@code wanted} selects back where they expired or
     * were dead-lettered from ({@link MessageProperties#ORIGINAL_DESTINATION}): to their queue (created on first
     * use), or to the subscription of their topic they came from; without the properties {@link #move} added. A
     * message that names no original destination, or one that is gone (a temporary queue, a subscription), stays;
     * see {@link #transfer}. Answers how many went back.
     *
     * @throws JMSException if the store cannot be read or written (see {@link #transfer})
     */
    long retry(MessageQueue from, Predicate<ServerMessage> wanted, long max) throws JMSException {
        long retried = transfer(from, wanted, max, this::originOf);
        LOG.info("Broker {}: {} message(s) of {} sent back to their original destination by management", brokerName,
                retried, from);
        return retried;
    }

    /** Where a moved message goes: the destination its copy names, the queues that get it, whether it is retried. */
    private record Placement(GannetDestination destination, List<MessageQueue> queues, boolean retried) {
    }

    /** Finds where a taken message goes; null: it stays where it is. */
    @FunctionalInterface
    private interface Target {
        Placement of(MessageRef ref) throws JMSException;
    }

    /**
     * Moves the messages a {@link QueueSweep} takes out of {@code from} a batch at a time, each as a copy that keeps
     * its JMSMessageID, headers, properties and body (JMSDestination aside) and starts with a delivery count of 0,
     * without duplicate detection or limits at the target. Per batch, one store transaction removes the originals and
     * adds the copies; the copies reach their queues once it committed. Messages {@code target} has no place for stay,
     * and the sweep skips them from then on.
     *
     * @throws JMSException if the store cannot be read or written: what the failing batch took stays in {@code from},
     *                      nothing of it reaches a target, and the earlier batches stay moved
     */
    private long transfer(MessageQueue from, Predicate<ServerMessage> wanted, long max, Target target)
            throws JMSException {
        Set<Long> staying = new HashSet<>();
        QueueSweep sweep = new QueueSweep(from, message -> !staying.contains(message.id) && wanted.test(message),
                postOffice.lastMessageId());
        long moved = 0;
        while (moved < max) {
            List<MessageRef> refs = sweep.next(batch(max - moved));
            if (refs.isEmpty()) {
                break;
            }
            List<StoreOperation> operations = new ArrayList<>();
            List<MessageRef> leaving = new ArrayList<>(refs.size());
            List<MessageRef> stay = new ArrayList<>();
            List<MessageRef> arriving = new ArrayList<>(refs.size());
            try {
                for (MessageRef ref : refs) {
                    List<MessageRef> copies = copiesOf(ref, target, operations);
                    if (copies == null) {
                        staying.add(ref.message.id);
                        stay.add(ref);
                        continue;
                    }
                    from.removalOf(ref, operations);
                    arriving.addAll(copies);
                    leaving.add(ref);
                }
            } catch (JMSException | RuntimeException e) {
                // nothing of the batch is written: the copies never arrive, and what it took stays in from
                postOffice.unroute(operations, arriving);
                from.returnTaken(refs);
                throw e;
            }
            if (!stay.isEmpty()) {
                from.returnTaken(stay);
            }
            awaitWrite(postOffice.commitRouted(operations, arriving), from, leaving);
            leaving.forEach(from::consumed);
            moved += leaving.size();
        }
        return moved;
    }

    /**
     * Routes a copy of {@code ref} to where {@code target} places it, adding to {@code operations} what the store
     * keeps of it; answers the copy's references, or null if it stays. A target queue deleted since it was looked up
     * refuses the copy; it is gone from the registry then, so the target is looked up once more.
     */
    private List<MessageRef> copiesOf(MessageRef ref, Target target, List<StoreOperation> operations)
            throws JMSException {
        for (int attempt = 0; attempt < 2; attempt++) {
            Placement placement = target.of(ref);
            ServerMessage copy = placement == null ? null : copyOf(ref, placement);
            if (copy == null) {
                return null;
            }
            List<MessageRef> copies = postOffice.routeCopy(placement.queues(), copy, operations);
            if (copies != null) {
                return copies;
            }
        }
        return null; // deleted twice meanwhile: it stays, as if it had nowhere to go
    }

    /**
     * A copy of a taken message for {@code placement}: its JMSDestination the new destination, a retried one without
     * the properties {@link #move} added; null if the message cannot be read (it stays, and is logged).
     */
    private ServerMessage copyOf(MessageRef ref, Placement placement) {
        try {
            GannetMessage copy = MessageCodec.decode(ref.message.encoded);
            if (placement.retried()) {
                Map<String, Object> kept = new LinkedHashMap<>();
                for (Enumeration<String> names = copy.getPropertyNames(); names.hasMoreElements(); ) {
                    String name = names.nextElement();
                    if (!MOVE_PROPERTIES.contains(name)) {
                        kept.put(name, copy.getObjectProperty(name));
                    }
                }
                copy.clearProperties();
                for (Map.Entry<String, Object> property : kept.entrySet()) {
                    copy.setObjectProperty(property.getKey(), property.getValue());
                }
            }
            copy.setJMSDestination(placement.destination());
            return new ServerMessage(postOffice.nextMessageId(), ref.message.persistent, ref.message.priority,
                    ref.message.expiration, ref.message.deliveryTime, ref.message.groupId, MessageCodec.encode(copy),
                    null);
        } catch (JMSException e) {
            warnings.warn(LOG, "Broker {}: message {} of {} cannot be read and stays: {}", brokerName,
                    ref.message.id, ref.queue, e.getMessage());
            return null;
        }
    }

    /**
     * Where a dead-lettered or expired message came from: its queue, or the named subscription of its topic it was
     * in; null if it names none, or that one is gone, or it came from {@code ref}'s own queue.
     */
    private Placement originOf(MessageRef ref) {
        try {
            GannetMessage headers = ref.message.headers();
            GannetDestination origin = parseDestination(headers.getStringProperty(
                    MessageProperties.ORIGINAL_DESTINATION));
            if (origin == null || origin.equals(ref.queue.destination) && ref.queue.destination.kind().isQueue()) {
                return null;
            }
            if (origin.kind().isQueue()) {
                return new Placement(origin, List.of(registry.queueFor(origin).queue()), true);
            }
            String name = headers.getStringProperty(MessageProperties.ORIGINAL_SUBSCRIPTION);
            TopicDestination topic = registry.existingTopic(new TopicKey(origin.name()));
            if (name == null || topic == null || (topic.owner != null) != origin.kind().isTemporary()) {
                return null;
            }
            boolean durable = !headers.propertyExists(MessageProperties.ORIGINAL_SUBSCRIPTION_DURABLE)
                    || headers.getBooleanProperty(MessageProperties.ORIGINAL_SUBSCRIPTION_DURABLE);
            SubscriptionKey key = new SubscriptionKey(durable,
                    headers.getStringProperty(MessageProperties.ORIGINAL_CLIENT_ID), name);
            for (Subscription subscription : topic.subscriptions()) {
                if (key.equals(subscription.key())) {
                    return new Placement(origin, List.of(subscription.queue()), true);
                }
            }
            return null;
        } catch (JMSException e) { // unreadable, or its temporary queue is gone
            LOG.debug("Broker {}: message {} of {} has no original destination to go back to: {}", brokerName,
                    ref.message.id, ref.queue, e.getMessage());
            return null;
        }
    }

    /** The destination a {@link GannetDestination#toString()} names, e.g. {@code queue://orders}; null if none. */
    private static GannetDestination parseDestination(String text) {
        if (text == null) {
            return null;
        }
        for (DestinationKind kind : DestinationKind.values()) {
            String prefix = kind.scheme() + "://";
            if (text.startsWith(prefix) && text.length() > prefix.length()) {
                return GannetDestination.of(kind, text.substring(prefix.length()));
            }
        }
        return null;
    }

    private static int batch(long left) {
        return (int) Math.min(BATCH, left);
    }

    /**
     * Waits for a management batch's store transaction; if it failed, what the batch took from {@code source} stays
     * there and the failure is thrown.
     */
    private static void awaitWrite(CompletableFuture<Void> write, MessageQueue source, List<MessageRef> taken)
            throws JMSException {
        try {
            write.join();
        } catch (CompletionException e) {
            source.returnTaken(taken);
            if (e.getCause() instanceof JMSException failure) {
                throw failure;
            }
            JMSException failure = new JMSException("Broker store failed: " + e.getCause());
            failure.initCause(e.getCause());
            throw failure;
        }
    }
}
