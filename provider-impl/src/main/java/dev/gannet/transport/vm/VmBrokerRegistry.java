package dev.gannet.transport.vm;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.StoreConfig;
import dev.gannet.broker.Broker;
import dev.gannet.management.JmxManagement;
import dev.gannet.security.SecuredBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The brokers this JVM runs, by name, so that every {@code vm://NAME} connection and {@link dev.gannet.api.EmbeddedBroker}
 * of one name meets the same broker. This is the one JVM-wide table in Gannet: in-process addressing by name needs
 * exactly that (as ActiveMQ's vm transport does).
 *
 * <p>A broker starts with its first user. How long it runs is decided by the user that starts it ({@link Lifetime});
 * users joining later do not change it. While any broker runs, a JVM shutdown hook is registered that stops those still
 * running when the JVM exits; it is removed again when the last one stops, so that nothing of Gannet stays behind in
 * an application server that undeploys it.
 */
public final class VmBrokerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(VmBrokerRegistry.class);

    private static final Map<String, Entry> BROKERS = new HashMap<>(); // guarded by BROKERS
    /** How many EmbeddedBroker handles hold each broker; weak, so a stopped broker's count goes with it. */
    private static final Map<Broker, Integer> HANDLES = new WeakHashMap<>(); // guarded by BROKERS
    /** Stops the brokers still running at JVM exit; registered while BROKERS is not empty. */
    private static Thread exitHook; // guarded by BROKERS

    /** How long a broker runs once its last user has left. */
    public enum Lifetime {
        /** Until {@link #stop} or the JVM's exit: a broker started by a {@code vm://} connection. */
        UNTIL_STOPPED,
        /**
         * Until its last user leaves: a broker started by an {@code EmbeddedBroker}, or by a {@code vm://} connection
         * with {@code stopWithLastConnection=true}.
         */
        WITH_LAST_USER
    }

    /** One named broker; its mutable fields are guarded by BROKERS. */
    private static final class Entry {
        final Broker broker;
        /** The broker's MXBeans, unless its configuration switched them off. */
        final Optional<JmxManagement> jmx;
        final Lifetime lifetime;
        int users;
        /** Null while the broker runs; completes once a stop that has begun has closed its store. */
        CompletableFuture<Void> stopped;

        Entry(Broker broker, Optional<JmxManagement> jmx, Lifetime lifetime) {
            this.broker = broker;
            this.jmx = jmx;
            this.lifetime = lifetime;
        }
    }

    private VmBrokerRegistry() {
    }

    /**
     * Joins the broker named in {@code config}, starting it with {@code lifetime} (and the security {@code config}
     * describes, {@link SecuredBroker}) if it does not run yet. A broker of
     * that name that is stopping is let finish first, then started again on the same store.
     *
     * @throws IllegalStateException if a broker of that name runs on another data directory, or if the JVM is shutting
     *                               down
     */
    public static Broker acquire(BrokerConfig config, Lifetime lifetime) {
        return acquire(config, lifetime, SecuredBroker::start);
    }

    /**
     * {@link #acquire(BrokerConfig, Lifetime)}, starting the broker with {@code starter} if it does not run yet (an
     * embedding that gives the broker parts of its own, such as an {@link dev.gannet.broker.Authorizer}).
     *
     * @throws IllegalStateException as {@link #acquire(BrokerConfig, Lifetime)}
     */
    public static Broker acquire(BrokerConfig config, Lifetime lifetime, Function<BrokerConfig, Broker> starter) {
        while (true) {
            CompletableFuture<Void> stopping;
            synchronized (BROKERS) {
                Entry entry = BROKERS.get(config.name());
                if (entry == null) {
                    entry = start(config, lifetime, starter);
                }
                if (entry.stopped == null) {
                    checkSameDirectory(entry.broker.config(), config);
                    entry.users++;
                    return entry.broker;
                }
                stopping = entry.stopped;
            }
            stopping.join();
        }
    }

    /** Leaves a broker joined with {@link #acquire}; the last user stops it if it was started to stop with it. */
    public static void release(Broker broker) {
        Entry toStop;
        synchronized (BROKERS) {
            Entry entry = BROKERS.get(broker.config().name());
            if (entry == null || entry.broker != broker || entry.stopped != null || --entry.users > 0
                    || entry.lifetime == Lifetime.UNTIL_STOPPED) {
                return;
            }
            entry.stopped = new CompletableFuture<>();
            toStop = entry;
        }
        stop(toStop);
    }

    /**
     * Stops the broker {@code name}, whoever started it and whoever still uses it: its open connections fail, and its
     * store is shut down before this returns. A later user starts it again on the same store.
     *
     * @return false if no broker of that name runs in this JVM
     */
    public static boolean stop(String name) {
        Entry toStop;
        CompletableFuture<Void> stopping;
        synchronized (BROKERS) {
            Entry entry = BROKERS.get(name);
            if (entry == null) {
                return false;
            }
            toStop = entry.stopped == null ? entry : null;
            if (toStop != null) {
                entry.stopped = new CompletableFuture<>();
            }
            stopping = entry.stopped;
        }
        if (toStop != null) {
            stop(toStop);
        }
        stopping.join();
        return true;
    }

    /**
     * Joins the broker of {@code config} as an {@link dev.gannet.api.EmbeddedBroker} handle: as
     * {@link #acquire(BrokerConfig, Lifetime)} with {@link Lifetime#WITH_LAST_USER}, counted among the broker's handles
     * until {@link #releaseHandle}.
     *
     * @throws IllegalStateException as {@link #acquire(BrokerConfig, Lifetime)}
     */
    static Broker acquireHandle(BrokerConfig config) {
        Broker broker = acquire(config, Lifetime.WITH_LAST_USER);
        synchronized (BROKERS) {
            HANDLES.merge(broker, 1, Integer::sum);
        }
        return broker;
    }

    /**
     * Leaves a broker joined with {@link #acquireHandle}; with {@code stopIfLast}, stops it at once (as {@link #stop}
     * does) unless another handle still holds it.
     *
     * @return whether the broker no longer runs
     */
    static boolean releaseHandle(Broker broker, boolean stopIfLast) {
        boolean last;
        synchronized (BROKERS) {
            Integer left = HANDLES.computeIfPresent(broker, (held, count) -> count > 1 ? count - 1 : null);
            last = left == null;
        }
        release(broker);
        if (stopIfLast && last && running(broker.config().name()).orElse(null) == broker) {
            stop(broker.config().name());
        }
        return running(broker.config().name()).orElse(null) != broker;
    }

    /** The broker {@code name} if it runs in this JVM and is not stopping. */
    public static Optional<Broker> running(String name) {
        synchronized (BROKERS) {
            Entry entry = BROKERS.get(name);
            return entry == null || entry.stopped != null ? Optional.empty() : Optional.of(entry.broker);
        }
    }

    /** Starts a broker and enters it; the caller holds BROKERS. */
    private static Entry start(BrokerConfig config, Lifetime lifetime, Function<BrokerConfig, Broker> starter) {
        if (exitHook == null) {
            Thread hook = new Thread(VmBrokerRegistry::stopAllAtExit, "gannet-vm-brokers-exit");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("Broker " + config.name() + " cannot start: the JVM is shutting down",
                        e);
            }
            exitHook = hook;
        }
        try {
            Broker broker = starter.apply(config);
            Optional<JmxManagement> jmx;
            try {
                jmx = JmxManagement.startFor(broker);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            Entry entry = new Entry(broker, jmx, lifetime);
            BROKERS.put(config.name(), entry);
            return entry;
        } catch (RuntimeException e) {
            removeExitHookIfIdle();
            throw e;
        }
    }

    /** Closes the broker of an entry marked stopping, then removes the entry. */
    private static void stop(Entry entry) {
        try {
            entry.jmx.ifPresent(JmxManagement::close);
            entry.broker.close();
        } finally {
            synchronized (BROKERS) {
                BROKERS.remove(entry.broker.config().name(), entry);
                removeExitHookIfIdle();
            }
            entry.stopped.complete(null);
        }
    }

    /** Removes the exit hook when no broker is left; the caller holds BROKERS. */
    private static void removeExitHookIfIdle() {
        if (!BROKERS.isEmpty() || exitHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway and finds nothing left to stop
        }
        exitHook = null;
    }

    /** The exit hook: stops every broker still running, and waits for those another thread is stopping. */
    private static void stopAllAtExit() {
        List<Entry> toStop = new ArrayList<>();
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        synchronized (BROKERS) {
            exitHook = null; // running: the JVM no longer lets it be removed
            for (Entry entry : BROKERS.values()) {
                if (entry.stopped == null) {
                    entry.stopped = new CompletableFuture<>();
                    toStop.add(entry);
                }
                stopping.add(entry.stopped);
            }
        }
        for (Entry entry : toStop) {
            LOG.info("Stopping broker {} at JVM exit", entry.broker.config().name());
            try {
                stop(entry);
            } catch (RuntimeException e) {
                LOG.error("Broker {} did not stop cleanly at JVM exit", entry.broker.config().name(), e);
            }
        }
        stopping.forEach(CompletableFuture::join);
    }

    /**
     * A connection that joins a running broker on embedded Derby must name its directory (or none: the default); a
     * broker on another store is joined whatever the connection's directory, which only a broker on Derby uses.
     */
    private static void checkSameDirectory(BrokerConfig running, BrokerConfig wanted) {
        if (running.store() instanceof StoreConfig.EmbeddedDerby && wanted.store() instanceof StoreConfig.EmbeddedDerby
                && !sameDirectory(running.dataDirectory(), wanted.dataDirectory())) {
            throw new IllegalStateException("Broker " + wanted.name() + " already runs in this JVM on "
                    + running.dataDirectory().toAbsolutePath() + ", not on " + wanted.dataDirectory().toAbsolutePath());
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
