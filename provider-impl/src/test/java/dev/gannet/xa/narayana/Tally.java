package dev.gannet.xa.narayana;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The books of the crash tests: for each order, what its transaction's outcome must be, checked against what is left
 * (the order on its queue, its confirmation, its row). Counts: committed and rolled back (whatever completed them),
 * recovered (of those, completed by the recovery manager), lost (an effect that must be there is missing) and
 * duplicated (an effect there more often than once, or there although its transaction rolled back).
 */
public final class Tally {

    /** How an order's transaction must have ended. */
    public enum Outcome {
        COMMITTED, ROLLED_BACK, RECOVERED_COMMIT, RECOVERED_ROLLBACK;

        boolean committed() {
            return this == COMMITTED || this == RECOVERED_COMMIT;
        }

        boolean recovered() {
            return this == RECOVERED_COMMIT || this == RECOVERED_ROLLBACK;
        }
    }

    private int committed;
    private int rolledBack;
    private int recovered;
    private int lost;
    private int duplicated;
    private final List<String> problems = new ArrayList<>();

    /**
     * Checks each order of {@code expected} against what is left: {@code ordersLeft}, the orders still on their queue;
     * {@code confirmations}, the confirmations delivered ({@code "confirmed " + order}); {@code rows}, the ids of the
     * rows.
     */
    public synchronized void check(Map<String, Outcome> expected, Collection<String> ordersLeft,
                                   Collection<String> confirmations, Collection<String> rows) {
        expected.forEach((order, outcome) -> {
            long left = ordersLeft.stream().filter(order::equals).count();
            long confirmed = confirmations.stream().filter(("confirmed " + order)::equals).count();
            long inserted = rows.stream().filter(order::equals).count();
            String seen = order + " (" + outcome + "): left on queue " + left + ", confirmations " + confirmed
                    + ", rows " + inserted;
            boolean wasLost;
            boolean wasDuplicated;
            if (outcome.committed()) {
                committed++;
                wasLost = confirmed == 0 || inserted == 0;
                wasDuplicated = left > 0 || confirmed > 1 || inserted > 1;
            } else {
                rolledBack++;
                wasLost = left == 0;
                wasDuplicated = left > 1 || confirmed > 0 || inserted > 0;
            }
            if (outcome.recovered()) {
                recovered++;
            }
            if (wasLost) {
                lost++;
                problems.add("lost: " + seen);
            }
            if (wasDuplicated) {
                duplicated++;
                problems.add("duplicated: " + seen);
            }
        });
        long unknown = confirmations.stream().filter(c -> !expected.containsKey(c.replaceFirst("^confirmed ", "")))
                .count() + rows.stream().filter(r -> !expected.containsKey(r)).count();
        if (unknown > 0) {
            duplicated += (int) unknown;
            problems.add("effects of no transaction of this test: confirmations " + confirmations + ", rows " + rows);
        }
    }

    public synchronized int lost() {
        return lost;
    }

    public synchronized int duplicated() {
        return duplicated;
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Adds {@code other}'s counts and problems to these. */
    public synchronized void add(Tally other) {
        committed += other.committed;
        rolledBack += other.rolledBack;
        recovered += other.recovered;
        lost += other.lost;
        duplicated += other.duplicated;
        problems.addAll(other.problems());
    }

    @Override
    public synchronized String toString() {
        return "committed=" + committed + " rolled back=" + rolledBack + " recovered=" + recovered + " lost=" + lost
                + " duplicated=" + duplicated;
    }
}
