package dev.gannet.xa.narayana;

import dev.gannet.client.GannetXAConnectionFactory;
import jakarta.jms.XAConnection;
import jakarta.transaction.TransactionManager;

import java.nio.file.Path;

/**
 * A transaction manager's JVM that dies in the middle of two-phase commit: it transfers one order
 * ({@link OrderTransfer}) and, at the chosen point, halts (no shutdown hooks, nothing closed: as a crash).
 *
 * <p>Arguments: the object store directory, the broker URL, the orders database directory, and the crash point:
 * <ul>
 * <li>{@code AFTER_PREPARE}: both resources prepared, before Narayana wrote its commit decision: recovery must roll
 * the transaction back (presumed abort);</li>
 * <li>{@code AT_COMMIT}: the decision written, before the first commit went out: recovery must commit it.</li>
 * </ul>
 * Prints {@code transfer of ORDER under way} before committing and {@code halting CRASH_POINT} before halting with
 * status {@value #HALTED}; any other exit is a failure.
 */
public final class CrashingTransactionManager {

    /** The exit status of the halt. */
    public static final int HALTED = 77;

    public enum CrashPoint {
        AFTER_PREPARE, AT_COMMIT
    }

    private CrashingTransactionManager() {
    }

    public static void main(String[] args) throws Exception {
        NarayanaEnvironment.configure(Path.of(args[0]));
        String brokerUrl = args[1];
        CrashPoint crashPoint = CrashPoint.valueOf(args[3]);
        TransactionManager transactionManager = NarayanaEnvironment.transactionManager();
        OrdersDatabase database = new OrdersDatabase(Path.of(args[2]));
        XAConnection connection = new GannetXAConnectionFactory(brokerUrl).createXAConnection();
        connection.start();
        OrderTransfer transfers = new OrderTransfer(transactionManager, connection, database);
        OrderTransfer.Transfer transfer = transfers.begin(30_000);
        CountingXAResource.Step halt = xid -> {
            System.out.println("halting " + crashPoint + " (prepared: derby " + transfer.database().prepares()
                    + ", gannet " + transfer.broker().prepares() + ")");
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        };
        if (crashPoint == CrashPoint.AT_COMMIT) {
            transfer.database().beforeCommit(halt);
            transfer.broker().beforeCommit(halt);
        } else {
            CountingXAResource.Step haltWhenBothPrepared = xid -> {
                if (transfer.database().prepares() == 1 && transfer.broker().prepares() == 1) {
                    halt.run(xid);
                }
            };
            transfer.database().afterPrepare(haltWhenBothPrepared);
            transfer.broker().afterPrepare(haltWhenBothPrepared);
        }
        System.out.println("transfer of " + transfer.order() + " under way");
        transactionManager.commit();
        System.out.println("the transaction committed: no crash happened");
        System.exit(1);
    }
}
