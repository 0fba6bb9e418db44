package dev.gannet.ra.server;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.TransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Narayana, the tests' transaction manager (the one WildFly runs). It keeps its configuration in static state, so a
 * test JVM has one, on an object store of its own under {@code gannet.narayana.dir}.
 */
public final class Narayana {

    private static boolean configured; // guarded by Narayana.class

    private Narayana() {
    }

    public static synchronized TransactionManager transactionManager() {
        if (!configured) {
            Path base = Path.of(System.getProperty("gannet.narayana.dir", "target/narayana"));
            Path store;
            try {
                Files.createDirectories(base);
                store = Files.createTempDirectory(base, "ra-" + ProcessHandle.current().pid() + "-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String name : new String[] {null, "communicationStore", "stateStore"}) {
                ObjectStoreEnvironmentBean bean = name == null
                        ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                        : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
                bean.setObjectStoreDir(store.toString());
            }
            try {
                arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier("gannet-ra-test");
            } catch (CoreEnvironmentBeanException e) {
                throw new IllegalStateException(e);
            }
            configured = true;
        }
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }
}
