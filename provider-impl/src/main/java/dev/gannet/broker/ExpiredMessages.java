package dev.gannet.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * References that expired while waiting in their queues, set aside by the queues until the {@link MessageMover}
 * collects them (it drops them, or moves them to an expiry queue). Queues reach the mover only through here, so a
 * queue needs no reference to what creates queues.
 */
final class ExpiredMessages {

    private final ConcurrentLinkedQueue<MessageRef> aside = new ConcurrentLinkedQueue<>();

    void add(List<MessageRef> refs) {
        aside.addAll(refs);
    }

    /** Takes every reference set aside so far. */
    List<MessageRef> take() {
        List<MessageRef> taken = new ArrayList<>();
        for (MessageRef ref = aside.poll(); ref != null; ref = aside.poll()) {
            taken.add(ref);
        }
        return taken;
    }
}
