package dev.gannet.transport.vm;

import dev.gannet.api.BrokerConfig;
import dev.gannet.broker.Broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The brokers this JVM runs, by name, so that every {@code vm://NAME} connection and {@link dev.gannet.api.EmbeddedBroker}
 * of one name meets the same broker. This is the one JVM-wide table in Gannet: in-process addressing by name needs
 * exactly that (as ActiveMQ's vm transport does). A broker starts with its first user and stops with its last.
 */
public final class VmBrokerRegistry {

    private static final Map<String, Entry> BROKERS = new HashMap<>(); // guarded by BROKERS

    private static final class Entry {
        final Broker broker;
        int users;

        Entry(Broker broker) {
            this.broker = broker;
        }
    }

    private VmBrokerRegistry() {
    }

    /**
     * Joins the broker named in {@code config}, starting it if it does not run yet.
     *
     * @throws IllegalStateException if a broker of that name runs on another data directory
     */
    public static Broker acquire(BrokerConfig config) {
        synchronized (BROKERS) {
            Entry entry = BROKERS.get(config.name());
            if (entry == null) {
                entry = new Entry(Broker.start(config));
                BROKERS.put(config.name(), entry);
            } else if (!sameDirectory(entry.broker.config().dataDirectory(), config.dataDirectory())) {
                throw new IllegalStateException("Broker " + config.name() + " already runs in this JVM on "
                        + entry.broker.config().dataDirectory().toAbsolutePath() + ", not on "
                        + config.dataDirectory().toAbsolutePath());
            }
            entry.users++;
            return entry.broker;
        }
    }

    /** Leaves a broker joined with {@link #acquire}; the last user stops it. */
    public static void release(Broker broker) {
        Broker toStop = null;
        synchronized (BROKERS) {
            Entry entry = BROKERS.get(broker.config().name());
            if (entry != null && entry.broker == broker && --entry.users == 0) {
                BROKERS.remove(broker.config().name());
                toStop = broker;
            }
        }
        if (toStop != null) {
            toStop.close();
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
