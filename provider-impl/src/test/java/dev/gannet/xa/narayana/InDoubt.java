package dev.gannet.xa.narayana;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.sql.SQLException;
import java.util.List;

/** What the broker and the orders database hold in doubt (prepared, not completed), each asked by its XA recover. */
public final class InDoubt {

    private final XAConnectionFactory broker;
    private final OrdersDatabase database;

    public InDoubt(XAConnectionFactory broker, OrdersDatabase database) {
        this.broker = broker;
        this.database = database;
    }

    /** The broker's prepared branches, asked over a connection of their own. */
    public static List<Xid> inBroker(XAConnectionFactory broker) throws JMSException, XAException {
        XAConnection connection = broker.createXAConnection();
        try {
            Xid[] xids = connection.createXASession().getXAResource()
                    .recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            return xids == null ? List.of() : List.of(xids);
        } finally {
            connection.close();
        }
    }

    public List<Xid> inBroker() throws JMSException, XAException {
        return inBroker(broker);
    }

    public List<Xid> inDatabase() throws SQLException, XAException {
        return database.inDoubt();
    }

    /** Whether either holds a branch in doubt. */
    public boolean any() throws Exception {
        return !inBroker().isEmpty() || !inDatabase().isEmpty();
    }

    @Override
    public String toString() {
        try {
            return "gannet=" + inBroker().size() + " derby=" + inDatabase().size();
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }
}
