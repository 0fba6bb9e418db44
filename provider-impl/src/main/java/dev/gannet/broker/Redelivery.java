package dev.gannet.broker;

import dev.gannet.api.DestinationSettings;
import dev.gannet.store.StoreOperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Returns delivered, unconsumed messages to their queues: after a recover, a rollback (local or XA), a closed session
 * or consumer, a stopped connection. Those the application saw count as redelivered (JMSRedelivered,
 * JMSXDeliveryCount + 1, the count stored); by their destination's settings, one that failed too often is
 * dead-lettered instead, and one with a redelivery delay returns only after it while the rest of its queue flows
 * on. Each queue puts what returns back in its original place (one that a prepared XA branch restored at start held
 * may be paged again, to be read back from the store in order; its redelivery delay does not apply then). Called by
 * sessions and by XA branches that roll back.
 */
final class Redelivery {

    private final MessageMover mover;
    private final StoreWriter store;
    private final Scheduler scheduler;

    Redelivery(MessageMover mover, StoreWriter store, Scheduler scheduler) {
        this.mover = mover;
        this.store = store;
        this.scheduler = scheduler;
    }

    /**
     * Returns {@code unseen} (the application never saw them) unchanged and {@code redelivered} as redelivered,
     * each to its queue.
     */
    void putBack(List<MessageRef> unseen, List<MessageRef> redelivered) {
        if (unseen.isEmpty() && redelivered.isEmpty()) {
            return;
        }
        Map<MessageQueue, List<MessageRef>> byQueue = new LinkedHashMap<>();
        for (MessageRef ref : unseen) {
            byQueue.computeIfAbsent(ref.queue, q -> new ArrayList<>()).add(ref);
        }
        List<StoreOperation> counts = new ArrayList<>();
        List<MessageRef> returning = new ArrayList<>(redelivered.size());
        for (MessageRef ref : redelivered) {
            ref.markRedelivered();
            DestinationSettings settings = ref.queue.settings;
            if (settings.maxDeliveryAttempts() > 0 && ref.redeliveries() >= settings.maxDeliveryAttempts()) {
                mover.deadLetter(ref);
                continue;
            }
            if (ref.queue.storesReferenceTo(ref.message)) {
                counts.add(new StoreOperation.SetDeliveryCount(ref.queue.id, ref.message.id, ref.redeliveries()));
            }
            returning.add(ref);
        }
        store.writeInBackground(counts); // before a page read may bring a returning message back from the store
        for (MessageRef ref : returning) {
            if (ref.queue.returnsPaged(ref)) {
                continue;
            }
            long delay = ref.queue.settings.redeliveryDelayMillis(ref.redeliveries());
            if (delay > 0) {
                scheduler.schedule(() -> ref.queue.putBack(List.of(ref)), delay);
            } else {
                byQueue.computeIfAbsent(ref.queue, q -> new ArrayList<>()).add(ref);
            }
        }
        byQueue.forEach(MessageQueue::putBack);
    }
}
