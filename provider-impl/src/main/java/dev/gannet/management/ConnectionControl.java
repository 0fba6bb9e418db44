package dev.gannet.management;

import dev.gannet.api.management.ConnectionMXBean;
import dev.gannet.broker.Administration;
import dev.gannet.broker.ConnectionSummary;

import java.util.Date;

/** {@link ConnectionMXBean} over the broker's {@link Administration}, for the connection numbered {@code id}. */
final class ConnectionControl implements ConnectionMXBean {

    private final Administration administration;
    private final long id;

    ConnectionControl(Administration administration, long id) {
        this.administration = administration;
        this.id = id;
    }

    private ConnectionSummary summary() {
        return administration.connection(id).orElseThrow(() -> new IllegalStateException("Connection " + id
                + " of broker " + administration.config().name() + " is closed"));
    }

    @Override
    public long getId() {
        return id;
    }

    @Override
    public String getClientId() {
        return summary().clientId();
    }

    @Override
    public String getUser() {
        return summary().user();
    }

    @Override
    public String getRemoteAddress() {
        return summary().remoteAddress();
    }

    @Override
    public Date getCreated() {
        return new Date(summary().created());
    }

    @Override
    public int getSessionCount() {
        return summary().sessions();
    }

    @Override
    public int getConsumerCount() {
        return summary().consumers();
    }

    @Override
    public void close() {
        administration.closeConnection(id);
    }
}
