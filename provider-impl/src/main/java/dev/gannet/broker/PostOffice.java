package dev.gannet.broker;

import dev.gannet.api.DestinationSettings;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.CommandValidator;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.store.StoreOperation;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Where sent messages enter the broker: checks a destination's limits, routes a message to the queues it goes to
 * (a queue, or every subscription of a topic that wants it), drops duplicates, and hands the references to their
 * queues only once the store has committed them. A message sent in an XA branch reserves its duplicate ID when sent,
 * is routed when its branch prepares (or commits in one phase), and reaches its queues when the branch commits.
 */
final class PostOffice {

    private final DestinationRegistry registry;
    private final DuplicateDetection duplicates;
    private final StoreWriter store;
    private final QueueRows queueRows;
    private final AtomicLong messageIds;

    /** @param maxMessageId the highest message id the store holds: new messages are numbered after it */
    PostOffice(DestinationRegistry registry, DuplicateDetection duplicates, StoreWriter store, QueueRows queueRows,
               long maxMessageId) {
        this.registry = registry;
        this.duplicates = duplicates;
        this.store = store;
        this.queueRows = queueRows;
        this.messageIds = new AtomicLong(maxMessageId);
    }

    long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** The highest message id given so far: every message the broker holds now has this id or a lower one. */
    long lastMessageId() {
        return messageIds.get();
    }

    /**
     * Sends a message of a non-transacted session, or stages it in a transacted one, or in the XA branch the session
     * is associated with (a duplicate is dropped at once there). A message whose headers and properties the broker
     * cannot read, or that breaks a {@link dev.gannet.api.Limits limit}, is refused here, before anything is stored.
     *
     * @throws jakarta.jms.MessageFormatException if the message's headers or properties cannot be read
     * @throws ResourceAllocationException if the message is too large for its destination, or the destination is
     *                                     full (see {@link #checkLimits})
     * @throws jakarta.jms.InvalidDestinationException if the destination cannot be used
     */
    CompletableFuture<Void> send(ServerSession session, OutboundMessage outbound) throws JMSException {
        CommandValidator.checkContent(outbound);
        checkLimits(outbound);
        ServerMessage message = new ServerMessage(nextMessageId(), outbound.persistent(), outbound.priority(),
                outbound.expiration(), outbound.deliveryTime(), outbound.groupId(), outbound.encoded(),
                new ServerMessage.Origin(session.connection.id(), session.connection.clientId()));
        if (session.transacted) {
            registry.checkDestination(outbound.destination());
            session.stage(message, outbound.destination());
            return CompletableFuture.completedFuture(null);
        }
        Transaction branch = session.association();
        if (branch != null) {
            registry.checkDestination(outbound.destination());
            if (duplicates.reserve(outbound.destination(), message)) {
                stageInBranch(branch, message, outbound.destination());
            }
            return CompletableFuture.completedFuture(null);
        }
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> refs = route(outbound.destination(), message, operations);
        return commitRouted(operations, refs);
    }

    /** Stages a send in an XA branch; the duplicate ID it reserved is released if the branch rolls back. */
    private static void stageInBranch(Transaction branch, ServerMessage message, GannetDestination destination) {
        Runnable release = message.duplicateClaim;
        try {
            branch.stage(message, destination);
            if (release != null) {
                branch.afterRollback(release);
            }
        } catch (IllegalStateException e) { // the branch is over: the send goes nowhere
            if (release != null) {
                release.run();
            }
            throw e;
        }
    }

    /**
     * Refuses a message larger than its destination allows, and waits for room in every queue it goes to (or
     * refuses it, by the destination's full policy).
     */
    private void checkLimits(OutboundMessage outbound) throws JMSException {
        GannetDestination destination = outbound.destination();
        int size = outbound.encoded().length;
        DestinationSettings destinationSettings = registry.settingsFor(destination);
        long maxSize = destinationSettings.maxMessageBytes();
        if (maxSize >= 0 && size > maxSize) {
            throw new ResourceAllocationException("Message of " + size + " bytes is larger than " + destination
                    + " accepts (max-message-bytes " + maxSize + ")");
        }
        if (destinationSettings.maxDepth() <= 0 && destinationSettings.maxBytes() <= 0) {
            return; // its queues (a topic's subscriptions too) share its settings
        }
        List<MessageQueue> targets = destination.kind().isQueue() ? List.of(registry.queueFor(destination).queue())
                : registry.topicFor(destination).subscriptions().stream().map(Subscription::queue).toList();
        for (MessageQueue queue : targets) {
            try {
                if (!queue.awaitSpace(size)) {
                    DestinationSettings settings = queue.settings;
                    throw new ResourceAllocationException(destination + " is full: " + queue.depth() + " message(s), "
                            + queue.bytes() + " byte(s) in " + queue.name + " (max-depth " + settings.maxDepth()
                            + ", max-bytes " + settings.maxBytes() + ", full-policy " + settings.fullPolicy()
                            + (settings.fullPolicy() == DestinationSettings.FullPolicy.BLOCK ? ", waited "
                            + settings.blockTimeoutMillis() + " ms" : "") + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResourceAllocationException("Interrupted while waiting for room in " + destination);
            }
        }
    }

    /**
     * Finds the queues a message goes to and adds to {@code operations} what the store must keep of it; answers
     * no queue for a duplicate. The references are to be added to their queues once those operations committed
     * ({@link #commitRouted}).
     *
     * @throws jakarta.jms.InvalidDestinationException if the destination cannot be used
     */
    List<MessageRef> route(GannetDestination destination, ServerMessage message,
                           List<StoreOperation> operations) throws JMSException {
        List<MessageRef> refs = admitted(destination, message);
        if (duplicates.isDuplicate(destination, message, operations)) {
            refs.forEach(ref -> ref.queue.abandon(ref));
            return List.of();
        }
        store(message, refs, operations, ref -> new StoreOperation.AddReference(ref.queue.id, message.id,
                message.priority));
        return refs;
    }

    /**
     * The references to the queues a message sent to {@code destination} goes to, each {@link MessageQueue#admit
     * admitted}. A queue deleted since it was looked up refuses; it is gone from the registry then, so the targets are
     * looked up once more (a permanent queue is made again, as on first use).
     *
     * @throws jakarta.jms.IllegalStateException if a queue it goes to was deleted once more meanwhile
     */
    private List<MessageRef> admitted(GannetDestination destination, ServerMessage message) throws JMSException {
        List<MessageRef> refs = targets(destination, message);
        if (admitEach(refs)) {
            return refs;
        }
        refs = targets(destination, message);
        if (admitEach(refs)) {
            return refs;
        }
        throw new jakarta.jms.IllegalStateException(destination + " was deleted twice while a message was sent to it;"
                + " send it again");
    }

    /** Admits each reference to its queue; if a queue was deleted, those admitted are abandoned and it answers false. */
    private static boolean admitEach(List<MessageRef> refs) {
        for (int i = 0; i < refs.size(); i++) {
            if (!refs.get(i).queue.admit(refs.get(i))) {
                for (MessageRef admitted : refs.subList(0, i)) {
                    admitted.queue.abandon(admitted);
                }
                return false;
            }
        }
        return true;
    }

    /**
     * Routes a copy management moves ({@link MessageMover#transfer}) to exactly {@code targets}, adding to
     * {@code operations} what the store must keep of it, without duplicate detection (the message was accepted once
     * already) or limits; the references are to be added once those operations committed ({@link #commitRouted}).
     * Answers null, having added nothing, if a target was deleted (the caller looks its targets up again).
     */
    List<MessageRef> routeCopy(List<MessageQueue> targets, ServerMessage message, List<StoreOperation> operations) {
        List<MessageRef> refs = new ArrayList<>(targets.size());
        for (MessageQueue target : targets) {
            refs.add(new MessageRef(message, target, 0));
        }
        if (!admitEach(refs)) {
            return null;
        }
        store(message, refs, operations, ref -> new StoreOperation.AddReference(ref.queue.id, message.id,
                message.priority));
        return refs;
    }

    /**
     * XA: routes a message the branch {@code branchId} sent, as it prepares: adds to {@code operations} what the store
     * keeps of it as prepared (the message, the prepared sends to its queues, its reserved duplicate ID), and answers
     * the references its queues are to get when the branch commits ({@link #commitPrepared}). Its queues see nothing
     * of it until then.
     *
     * @throws jakarta.jms.InvalidDestinationException if the destination cannot be used
     */
    List<MessageRef> prepare(long branchId, GannetDestination destination, ServerMessage message,
                             List<StoreOperation> operations) throws JMSException {
        List<MessageRef> refs = targets(destination, message);
        if (message.reservedDuplicate != null) {
            message.reservedDuplicate.addPreparedTo(branchId, operations);
        }
        store(message, refs, operations, ref -> new StoreOperation.AddPreparedSend(branchId, ref.queue.id,
                message.id, message.priority));
        return refs;
    }

    /** XA: writes a branch's prepare unit ({@link #prepare}); if the write fails, its queue rows are not stored. */
    CompletableFuture<Void> writePrepared(List<StoreOperation> operations) {
        return store.write(operations).whenComplete((v, failure) -> {
            if (failure != null) {
                queueRows.notStored(operations);
            }
        });
    }

    /** XA: a branch's prepare unit will not be written after all (its routing failed): its queue rows are not stored. */
    void notPrepared(List<StoreOperation> operations) {
        queueRows.notStored(operations);
    }

    /**
     * XA: commits the prepared branch {@code branchId} in one store unit and then hands the references it sends
     * ({@code refs}, routed when it prepared) to their queues, in order; they count toward their queues' limits and
     * paging from now. If the write fails, the queues forget them again and the future fails (the branch stays
     * prepared).
     */
    CompletableFuture<Void> commitPrepared(long branchId, List<MessageRef> refs) {
        for (MessageRef ref : refs) {
            ref.queue.admit(ref); // a queue deleted since the branch prepared drops the reference when it arrives
        }
        return store.write(List.of(new StoreOperation.CommitPreparedBranch(branchId))).whenComplete((v, failure) -> {
            if (failure == null) {
                refs.forEach(ref -> ref.queue.add(ref));
            } else {
                refs.forEach(ref -> ref.queue.abandon(ref));
            }
        });
    }

    /** The references a message sent to {@code destination} goes to: its queue, or the subscriptions that want it. */
    private List<MessageRef> targets(GannetDestination destination, ServerMessage message) throws JMSException {
        List<MessageRef> refs = new ArrayList<>();
        switch (destination.kind()) {
            case QUEUE, TEMPORARY_QUEUE -> refs.add(new MessageRef(message, registry.queueFor(destination).queue(), 0));
            case TOPIC, TEMPORARY_TOPIC -> {
                for (Subscription subscription : registry.topicFor(destination).subscriptions()) {
                    if (subscription.wants(message)) {
                        refs.add(new MessageRef(message, subscription.queue(), 0));
                    }
                }
            }
        }
        return refs;
    }

    /**
     * Adds to {@code operations} the message (if a durable queue stores it) and, for each reference a queue stores,
     * what {@code reference} makes of it; new queues' rows go along.
     */
    private void store(ServerMessage message, List<MessageRef> refs, List<StoreOperation> operations,
                       Function<MessageRef, StoreOperation> reference) {
        message.storedReferences = (int) refs.stream().filter(ref -> ref.queue.storesReferenceTo(message)).count();
        if (message.storedReferences == 0) {
            return;
        }
        for (MessageRef ref : refs) {
            if (ref.queue.storesReferenceTo(message)) {
                queueRows.addIfUnstored(ref.queue.id, operations);
            }
        }
        operations.add(new StoreOperation.AddMessage(message.toStored()));
        for (MessageRef ref : refs) {
            if (ref.queue.storesReferenceTo(message)) {
                operations.add(reference.apply(ref));
            }
        }
    }

    /**
     * Writes what routing produced, then hands the references to their queues. If the write fails the routing is
     * undone (limits, paging, duplicate IDs, queue rows it carried) and the future fails.
     */
    CompletableFuture<Void> commitRouted(List<StoreOperation> operations, List<MessageRef> refs) {
        if (operations.isEmpty()) {
            refs.forEach(ref -> ref.queue.add(ref));
            return CompletableFuture.completedFuture(null);
        }
        return store.write(operations).whenComplete((v, failure) -> {
            if (failure == null) {
                refs.forEach(ref -> ref.queue.add(ref));
                return;
            }
            unroute(operations, refs);
        });
    }

    /**
     * Undoes routing whose operations will not be written: the limits, paging places, duplicate IDs and queue rows
     * it claimed are free again.
     */
    void unroute(List<StoreOperation> operations, List<MessageRef> refs) {
        queueRows.notStored(operations);
        for (MessageRef ref : refs) {
            ref.queue.abandon(ref);
            Runnable unclaim = ref.message.duplicateClaim;
            if (unclaim != null) {
                unclaim.run();
            }
        }
    }

    /** {@link #commitRouted} for work nobody waits for (moves of expired and dead messages); a failure is logged. */
    void commitInBackground(List<StoreOperation> operations, List<MessageRef> refs) {
        commitRouted(operations, refs).exceptionally(failure -> {
            store.logBackgroundFailure(failure);
            return null;
        });
    }
}
