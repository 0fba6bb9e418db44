package dev.gannet.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the clients of {@link CrashTest} attempted and were told, and every delivery they saw, in order; at the end
 * {@link #verdict(int)} holds it all against what JMS promised them (spec 6.2.7 transactions, 6.2.10
 * acknowledgement).
 *
 * <p>A <em>send group</em> is what one outcome covers: one non-transacted send, or the batch of one transaction. A
 * <em>receiver</em> is one consumer's lifetime: a consumer of one iteration, or the final drain. No receiver ever
 * recovers or rolls back its session, so within one receiver a message must arrive at most once.
 */
final class DeliveryLedger {

    /** Receiver name of the final drain, whose deliveries count as found. */
    static final String DRAIN = "final drain";

    /** What a client was told by a send, a commit or an acknowledge. */
    enum Outcome {
        /** the call returned normally */
        CONFIRMED,
        /** the call threw: it may or may not have taken effect */
        UNKNOWN,
        /** the call was never made: a transaction abandoned before its commit, a message never acknowledged */
        NEVER_MADE
    }

    /** One delivery of a message to a receiver; its settlement is what that receiver's acknowledge or commit told. */
    static final class Delivery {
        private final String id;
        private final String receiver;
        private final int iteration;
        private Outcome settlement = Outcome.NEVER_MADE; // guarded by the ledger

        private Delivery(String id, String receiver, int iteration) {
            this.id = id;
            this.receiver = receiver;
            this.iteration = iteration;
        }

        @Override
        public String toString() {
            return receiver + (receiver.equals(DRAIN) ? "" : " (settlement " + settlement + ")");
        }
    }

    private record SendGroup(int iteration, List<String> ids, boolean transacted, Outcome outcome) {

        @Override
        public String toString() {
            return (transacted ? "transaction " + ids + " of iteration " + iteration + ", commit "
                    : "non-transacted send of iteration " + iteration + ", ") + outcome;
        }
    }

    // all guarded by this
    private final Map<String, SendGroup> groupOf = new HashMap<>();
    private final List<SendGroup> groups = new ArrayList<>();
    /** Each id's deliveries in the order they happened: one receiver at a time sees a given id. */
    private final Map<String, List<Delivery>> deliveries = new LinkedHashMap<>();

    /**
     * Records a send group once its outcome is known: {@code ids} are all the messages it attempted, including one
     * whose send threw.
     */
    synchronized void sent(int iteration, List<String> ids, boolean transacted, Outcome outcome) {
        SendGroup group = new SendGroup(iteration, List.copyOf(ids), transacted, outcome);
        groups.add(group);
        for (String id : group.ids()) {
            groupOf.put(id, group);
        }
    }

    /** Records that {@code receiver} got the message {@code id}; settle it once its acknowledge or commit ended. */
    synchronized Delivery delivered(String id, String receiver, int iteration) {
        Delivery delivery = new Delivery(id, receiver, iteration);
        deliveries.computeIfAbsent(id, key -> new ArrayList<>()).add(delivery);
        return delivery;
    }

    /** Records what the acknowledge or commit covering {@code settled} told its caller. */
    synchronized void settled(Collection<Delivery> settled, Outcome outcome) {
        for (Delivery delivery : settled) {
            delivery.settlement = outcome;
        }
    }

    /**
     * Judges everything recorded: counts per iteration (send groups by the iteration that sent them, deliveries by
     * the iteration that saw them) and for the final drain, and a line for each broken promise.
     */
    synchronized Verdict verdict(int iterations) {
        Tally[] rows = new Tally[iterations + 2]; // [1..iterations], then the drain
        for (int i = 1; i < rows.length; i++) {
            rows[i] = new Tally();
        }
        List<String> problems = new ArrayList<>();
        for (SendGroup group : groups) {
            judgeSend(group, rows[group.iteration()], problems);
        }
        for (Map.Entry<String, List<Delivery>> entry : deliveries.entrySet()) {
            judgeDeliveries(entry.getKey(), entry.getValue(), rows, problems);
        }
        Tally total = new Tally();
        for (int i = 1; i < rows.length; i++) {
            total.add(rows[i]);
        }
        return new Verdict(List.of(Arrays.copyOfRange(rows, 1, iterations + 1)), rows[iterations + 1], total, problems);
    }

    private void judgeSend(SendGroup group, Tally row, List<String> problems) {
        switch (group.outcome()) {
            case CONFIRMED -> {
                if (group.transacted()) {
                    row.txCommitted++;
                } else {
                    row.sentConfirmed++;
                }
                for (String id : group.ids()) {
                    if (!settledOrFound(id)) {
                        row.lost++;
                        problems.add("lost " + history(id));
                    }
                }
            }
            case UNKNOWN -> {
                if (group.transacted()) {
                    row.txUnknown++;
                } else {
                    row.sentUnknown++;
                }
                long seen = group.ids().stream().filter(deliveries::containsKey).count();
                if (seen > 0 && seen < group.ids().size()) {
                    row.torn++;
                    problems.add("torn: " + seen + " of " + group.ids().size() + " delivered: " + histories(group));
                }
            }
            case NEVER_MADE -> {
                row.txAbandoned++;
                if (group.ids().stream().anyMatch(deliveries::containsKey)) {
                    row.uncommitted++;
                    problems.add("uncommitted yet delivered: " + histories(group));
                }
            }
        }
    }

    /**
     * A confirmed message is accounted for once a receiver's acknowledge or commit covering it was at least
     * attempted, or the drain found it; a delivery nobody tried to settle must be followed by a redelivery.
     */
    private boolean settledOrFound(String id) {
        return deliveries.getOrDefault(id, List.of()).stream()
                .anyMatch(d -> d.settlement != Outcome.NEVER_MADE || d.receiver.equals(DRAIN));
    }

    private void judgeDeliveries(String id, List<Delivery> list, Tally[] rows, List<String> problems) {
        boolean sent = groupOf.containsKey(id);
        boolean drained = false;
        for (int k = 0; k < list.size(); k++) {
            Delivery delivery = list.get(k);
            Tally row = rows[delivery.iteration];
            if (delivery.receiver.equals(DRAIN)) {
                if (!drained) {
                    row.found++;
                }
                drained = true;
            } else if (delivery.settlement == Outcome.CONFIRMED) {
                row.consumedConfirmed++;
            } else if (delivery.settlement == Outcome.UNKNOWN) {
                row.consumedUnknown++;
            }
            if (!sent) {
                if (k == 0) {
                    row.invented++;
                    problems.add("invented " + history(id));
                }
                continue;
            }
            List<Delivery> earlier = list.subList(0, k);
            if (earlier.stream().anyMatch(e -> e.settlement == Outcome.CONFIRMED)) {
                row.resurrected++;
                problems.add("resurrected " + history(id));
            } else if (earlier.stream().anyMatch(e -> e.receiver.equals(delivery.receiver))) {
                row.duplicated++;
                problems.add("duplicated " + history(id));
            } else if (k > 0) {
                row.redelivered++;
            }
        }
    }

    private String history(String id) {
        SendGroup group = groupOf.get(id);
        return id + " (" + (group == null ? "never sent" : group) + "; delivered to "
                + deliveries.getOrDefault(id, List.of()) + ")";
    }

    private String histories(SendGroup group) {
        return group.ids().stream().map(id -> id + " delivered to " + deliveries.getOrDefault(id, List.of()))
                .collect(Collectors.joining("; ", group + ": ", ""));
    }

    /** Counts of one iteration, of the final drain or of the whole run; filled by one verdict, then only read. */
    static final class Tally {
        /** non-transacted sends that returned normally, and that threw */
        int sentConfirmed;
        int sentUnknown;
        /** transactions (of a batch of sends) whose commit returned normally, threw, or was never called */
        int txCommitted;
        int txUnknown;
        int txAbandoned;
        /** deliveries whose acknowledge or commit returned normally, and that threw */
        int consumedConfirmed;
        int consumedUnknown;
        /** distinct messages the final drain received */
        int found;
        /** confirmed messages never accounted for (see {@link #settledOrFound}) */
        int lost;
        /** deliveries after a confirmed acknowledge or commit of the same message */
        int resurrected;
        /** messages received that no producer attempted */
        int invented;
        /** transactions whose commit threw and of which some but not all messages were ever delivered */
        int torn;
        /** deliveries of a message to a receiver that had it already */
        int duplicated;
        /** transactions never committed of which a message was delivered */
        int uncommitted;
        /** deliveries, in a later receiver, of a message whose earlier deliveries were not confirmed consumed */
        int redelivered;

        private void add(Tally other) {
            sentConfirmed += other.sentConfirmed;
            sentUnknown += other.sentUnknown;
            txCommitted += other.txCommitted;
            txUnknown += other.txUnknown;
            txAbandoned += other.txAbandoned;
            consumedConfirmed += other.consumedConfirmed;
            consumedUnknown += other.consumedUnknown;
            found += other.found;
            lost += other.lost;
            resurrected += other.resurrected;
            invented += other.invented;
            torn += other.torn;
            duplicated += other.duplicated;
            uncommitted += other.uncommitted;
            redelivered += other.redelivered;
        }

        /** Broken promises of any kind; redelivery after a crash is allowed. */
        int violations() {
            return lost + resurrected + invented + torn + duplicated + uncommitted;
        }

        @Override
        public String toString() {
            return "sent-confirmed=" + sentConfirmed + " sent-unknown=" + sentUnknown + " tx-committed=" + txCommitted
                    + " tx-unknown=" + txUnknown + " tx-abandoned=" + txAbandoned + " consumed-confirmed="
                    + consumedConfirmed + " consumed-unknown=" + consumedUnknown + " found=" + found + " lost=" + lost
                    + " resurrected=" + resurrected + " invented=" + invented + " torn=" + torn + " duplicated="
                    + duplicated + " uncommitted=" + uncommitted + " redelivered=" + redelivered;
        }
    }

    /**
     * @param iterations one tally per iteration, in order
     * @param drain      the final drain's tally
     * @param total      the sum of all
     * @param problems   one line per broken promise, naming the message and its whole history
     */
    record Verdict(List<Tally> iterations, Tally drain, Tally total, List<String> problems) {
    }
}
