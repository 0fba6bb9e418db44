package dev.gannet.xa.narayana;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import dev.gannet.client.GannetXAConnectionFactory;

import java.nio.file.Path;

/**
 * A fresh transaction manager's JVM on the object store a crashed one left: registers {@link GannetXAResourceRecovery}
 * and the database's recovery, and scans until neither the broker nor the database holds a branch in doubt.
 *
 * <p>Arguments: the object store directory, the broker URL, the orders database directory. Prints
 * {@code in doubt before recovery: gannet=N derby=M}, then {@code in doubt after recovery: gannet=0 derby=0 (K scans)}
 * and exits 0; exits 1 if branches are still in doubt after {@value #SCANS} scans.
 */
public final class RecoveringTransactionManager {

    static final int SCANS = 20;

    private RecoveringTransactionManager() {
    }

    public static void main(String[] args) throws Exception {
        NarayanaEnvironment.configure(Path.of(args[0]));
        GannetXAConnectionFactory factory = new GannetXAConnectionFactory(args[1]);
        OrdersDatabase database = new OrdersDatabase(Path.of(args[2]));
        InDoubt inDoubt = new InDoubt(factory, database);
        System.out.println("in doubt before recovery: " + inDoubt);
        RecoveryManager recoveryManager = NarayanaEnvironment.recoveryManager();
        XARecoveryModule module = NarayanaEnvironment.xaRecoveryModule();
        GannetXAResourceRecovery gannet = new GannetXAResourceRecovery(factory);
        module.addXAResourceRecoveryHelper(gannet);
        module.addXAResourceRecoveryHelper(database.recovery());
        int scans = 0;
        while (inDoubt.any() && scans < SCANS) {
            recoveryManager.scan();
            scans++;
        }
        System.out.println("in doubt after recovery: " + inDoubt + " (" + scans + " scans)");
        boolean done = !inDoubt.any();
        gannet.close();
        database.close();
        System.exit(done ? 0 : 1);
    }
}
