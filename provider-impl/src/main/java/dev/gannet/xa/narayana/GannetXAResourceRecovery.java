package dev.gannet.xa.narayana;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.xa.ReconnectingXAResource;
import jakarta.jms.XAConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * Lets Narayana's recovery manager complete Gannet's in-doubt transaction branches: after a crash of the broker or of
 * the transaction manager, every branch the broker prepared but was not told to commit or roll back is found by
 * {@link XAResource#recover} and completed as the transaction manager's log says (commit if it decided to commit,
 * rollback otherwise: presumed abort).
 *
 * <p>Register one per broker with the recovery module, once, when the application starts:
 * <pre>{@code
 * GannetXAConnectionFactory gannet = new GannetXAConnectionFactory("tcp://broker.example:7672");
 * GannetXAResourceRecovery recovery = new GannetXAResourceRecovery(gannet, "orders", "secret");
 * RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT); // no scan yet
 * XARecoveryModule.getRegisteredXARecoveryModule().addXAResourceRecoveryHelper(recovery);
 * manager.scan();                        // completes what a crash left in doubt
 * manager.startRecoveryManagerThread();  // then scans periodically
 * ...
 * // at shutdown
 * XARecoveryModule.getRegisteredXARecoveryModule().removeXAResourceRecoveryHelper(recovery);
 * recovery.close();
 * manager.terminate();
 * }</pre>
 * ({@code com.arjuna.ats.arjuna.recovery.RecoveryManager},
 * {@code com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule}.) Narayana's recovery needs its object
 * store (the transaction log) to be the one the transaction manager wrote, and, to roll back branches the log does
 * not know (presumed abort), its node identifier among {@code JTAEnvironmentBean.xaRecoveryNodes}; the defaults of
 * Narayana's {@code jbossts-properties.xml} do both.
 *
 * <p>Each scan asks the broker for its prepared branches over one XA connection, opened for the scan and closed at
 * its end. When the broker cannot be reached, the scan gets no resource from this helper (and logs a warning); the
 * next scan tries again, so recovery completes once the broker is back.
 *
 * <p>Narayana must be on the class path: Gannet compiles against {@code org.jboss.narayana.jta:narayana-jta} but does
 * not bring it; the application brings its transaction manager.
 */
public final class GannetXAResourceRecovery implements XAResourceRecoveryHelper, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GannetXAResourceRecovery.class);

    private final ReconnectingXAResource resource;
    private final String broker;

    /** Recovery through {@code factory}'s connections, without credentials. */
    public GannetXAResourceRecovery(XAConnectionFactory factory) {
        this(factory, null, null);
    }

    /**
     * Recovery through {@code factory}'s connections as {@code userName}.
     *
     * @param userName null to connect without credentials (then {@code password} is ignored)
     */
    public GannetXAResourceRecovery(XAConnectionFactory factory, String userName, String password) {
        if (factory == null) {
            throw new IllegalArgumentException("The XA connection factory must not be null");
        }
        this.broker = factory instanceof GannetXAConnectionFactory gannet ? gannet.getBrokerUrl() : factory.toString();
        this.resource = new ReconnectingXAResource(factory, userName, password, broker);
    }

    /**
     * Recovery of the broker at {@code brokerUrl} (as for {@link GannetXAConnectionFactory}) as {@code userName}.
     *
     * @param userName null to connect without credentials
     * @throws IllegalArgumentException if the URL is malformed, names an unknown scheme or option
     */
    public GannetXAResourceRecovery(String brokerUrl, String userName, String password) {
        this(new GannetXAConnectionFactory(brokerUrl), userName, password);
    }

    /** Nothing to read: the constructor took everything. Returns true. */
    @Override
    public boolean initialise(String properties) {
        return true;
    }

    /**
     * The broker's XA resource for this scan: one element once connected; none when the broker cannot be reached
     * now, so that this scan goes on with the other resources and the next scan tries again.
     */
    @Override
    public XAResource[] getXAResources() {
        try {
            resource.sessionResource();
            return new XAResource[] {resource};
        } catch (XAException e) {
            LOG.warn("Transaction recovery skips broker {} in this scan, the next scan tries again: {}", broker,
                    e.getMessage());
            return new XAResource[0];
        }
    }

    /** Closes the connection to the broker, if one is open. Remove this helper from the recovery module first. */
    @Override
    public void close() {
        resource.close();
    }

    @Override
    public String toString() {
        return "GannetXAResourceRecovery[" + broker + "]";
    }
}
