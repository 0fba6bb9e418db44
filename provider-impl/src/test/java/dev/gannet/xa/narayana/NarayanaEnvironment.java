package dev.gannet.xa.narayana;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.TransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Narayana as the tests' transaction manager. Narayana keeps its configuration and its transaction log in static
 * state, so a JVM has one: {@link #configure} sets it once, before the first transaction, and every later call must
 * ask for the same object store. A test that needs a transaction manager of its own runs it in a child JVM.
 *
 * <p>The configuration is the one of Narayana's {@code jbossts-properties.xml} (recovery modules, orphan filters,
 * node identifier among the recovery nodes), with: the object store in the given directory; a one-second pause
 * between the two passes of a recovery scan, so that a test's {@code scan()} takes about a second; no orphan safety
 * interval, so that one scan rolls back a branch the log does not know (presumed abort) instead of waiting 20 s; the
 * recovery manager without its background thread (the test calls {@code scan()}); and {@link CountingXAResource}
 * always a branch of its own (see {@link CountingXAResource}).
 */
public final class NarayanaEnvironment {

    /** The node identifier of every test transaction manager: recovery in a fresh JVM finds their branches. */
    public static final String NODE = "gannet-test";
    /** Where a test JVM keeps its object stores, one directory per JVM; target/narayana by default. */
    public static final String DIRECTORY_PROPERTY = "gannet.narayana.dir";

    private static Path objectStore; // guarded by NarayanaEnvironment.class: the store this JVM's Narayana uses

    private NarayanaEnvironment() {
    }

    /** This JVM's transaction manager, on an object store of its own under {@value #DIRECTORY_PROPERTY}. */
    public static synchronized TransactionManager transactionManager() {
        if (objectStore == null) {
            Path base = Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/narayana"));
            try {
                Files.createDirectories(base);
                configure(Files.createTempDirectory(base, "jvm-" + ProcessHandle.current().pid() + "-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /**
     * Configures this JVM's Narayana on {@code store}: once, before its first use.
     *
     * @throws IllegalStateException if it was configured on another store
     */
    public static synchronized void configure(Path store) {
        Path absolute = store.toAbsolutePath();
        if (objectStore != null) {
            if (!objectStore.equals(absolute)) {
                throw new IllegalStateException("Narayana in this JVM already runs on " + objectStore
                        + ", it cannot move to " + absolute);
            }
            return;
        }
        for (String name : new String[] {null, "communicationStore", "stateStore"}) {
            ObjectStoreEnvironmentBean bean = name == null
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
            bean.setObjectStoreDir(absolute.toString());
        }
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(NODE);
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalStateException(e);
        }
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of(NODE));
        jtaPropertyManager.getJTAEnvironmentBean().setOrphanSafetyInterval(0);
        List<String> ownBranch = new ArrayList<>(jtaPropertyManager.getJTAEnvironmentBean()
                .getXaResourceIsSameRMClassNames());
        ownBranch.add(CountingXAResource.class.getName());
        jtaPropertyManager.getJTAEnvironmentBean().setXaResourceIsSameRMClassNames(ownBranch);
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryBackoffPeriod(1);
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryListener(false);
        objectStore = absolute;
    }

    /** The object store this JVM's Narayana runs on; null before {@link #configure}. */
    public static synchronized Path objectStore() {
        return objectStore;
    }

    /**
     * This JVM's recovery manager, without a background thread: a test calls {@link RecoveryManager#scan()} itself.
     * Configure first.
     */
    public static synchronized RecoveryManager recoveryManager() {
        if (objectStore == null) {
            transactionManager();
        }
        return RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
    }

    /** The recovery manager's XA module, where tests register their recovery helpers. */
    public static XARecoveryModule xaRecoveryModule() {
        recoveryManager();
        return XARecoveryModule.getRegisteredXARecoveryModule();
    }
}
