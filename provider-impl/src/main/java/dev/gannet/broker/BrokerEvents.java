package dev.gannet.broker;

import dev.gannet.log.ThrottledLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands the broker's lifecycle events to its {@link BrokerListener}s. Called by the registry, subscriptions,
 * connections and sessions, after the change the event reports and outside their locks; listeners are added through
 * the broker.
 */
final class BrokerEvents {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerEvents.class);

    private final String brokerName;
    private final ThrottledLog warnings;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();

    BrokerEvents(String brokerName, ThrottledLog warnings) {
        this.brokerName = brokerName;
        this.warnings = warnings;
    }

    void add(BrokerListener listener) {
        listeners.add(listener);
    }

    void remove(BrokerListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; one that throws is logged and the others still hear it. */
    void publish(BrokerEvent event) {
        for (BrokerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                warnings.warn(LOG, "Broker {}: listener {} failed on {}", brokerName, listener, event, e);
            }
        }
    }
}
