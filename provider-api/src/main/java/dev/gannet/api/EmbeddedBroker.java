package dev.gannet.api;

import java.util.ServiceLoader;

/**
 * A Gannet broker running inside this JVM, reachable by {@code vm://NAME} connection factories.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.builder().name("orders").build())) {
 *     ConnectionFactory cf = new GannetConnectionFactory("vm://orders");
 *     ...
 * }
 * }</pre>
 *
 * <p>A vm broker runs for as long as whoever starts it decides; users that join it later do not change that:
 * <ul>
 * <li>Started by {@link #start}: it runs until {@link #close()}, and vm connections opened meanwhile share it. If
 * some are still open when the broker is closed, it stops when the last of them closes (as a connection pool's
 * connections would expect); {@link #stop(String)} stops it at once.</li>
 * <li>Started by a {@code vm://NAME} connection (no broker of that name running): it keeps running after its last
 * connection closes, so that code which opens and closes a connection per operation (Spring's {@code JmsTemplate})
 * costs a connection, not a broker start, and loses no non-persistent message in between. It runs until
 * {@link #stop(String)} or the JVM's exit. With the URL option {@code stopWithLastConnection=true} it stops with its
 * last connection instead.</li>
 * </ul>
 * Brokers still running when the JVM exits are stopped by a shutdown hook, their stores shut down cleanly; the hook is
 * registered only while a vm broker runs. Code that starts and stops brokers in one JVM (tests restarting a broker, an
 * application server undeploying an application) stops them with {@link #stop(String)} or {@link #close()}.
 */
public interface EmbeddedBroker extends AutoCloseable {

    /**
     * Starts the broker described by {@code config}, or joins it if this JVM already runs a broker of that name
     * on the same data directory (which keeps running as it was started: closing this handle leaves a broker started
     * by a vm connection running).
     *
     * @throws IllegalStateException if a broker of that name runs on another data directory, or if no Gannet
     *                               implementation (provider-impl) is on the class path
     * @throws java.io.UncheckedIOException if the store cannot be opened
     */
    static EmbeddedBroker start(BrokerConfig config) {
        return launcher().start(config);
    }

    /**
     * Stops the broker {@code name} running in this JVM, however it was started and whoever still uses it, as
     * Artemis's {@code EmbeddedActiveMQ.stop()} does: its open vm connections fail (their {@code ExceptionListener}
     * hears that the broker stopped), handles to it have nothing left to close, and its store is shut down before
     * this returns. The next {@code vm://NAME} connection or {@link #start} starts it again on the same store.
     *
     * @return false if no broker of that name runs in this JVM
     * @throws IllegalStateException if no Gannet implementation (provider-impl) is on the class path
     */
    static boolean stop(String name) {
        return launcher().stop(name);
    }

    private static Launcher launcher() {
        return ServiceLoader.load(Launcher.class, EmbeddedBroker.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No Gannet broker implementation found: add dev.gannet:provider-impl to the class path"));
    }

    /** The configuration this broker runs with. */
    BrokerConfig config();

    /**
     * Releases this handle. A broker started by {@link #start} stops when no handle and no vm connection uses it any
     * more; one started by a vm connection keeps running.
     */
    @Override
    void close();

    /**
     * Releases this handle and stops the broker at once, as {@link #stop(String)} does (its remaining vm connections
     * fail), unless another handle of this JVM still holds it: then it keeps running for that one, and the last
     * handle's call stops it. For a component that started the broker and must leave nothing running when it stops,
     * while other components may share the broker (an application server that runs a resource adapter twice, for
     * its own connection factories and for an application's).
     *
     * @return true if the broker stopped (or was stopped already)
     */
    boolean stopUnlessShared();

    /** Service-provider interface implemented by provider-impl; not for applications. */
    interface Launcher {
        EmbeddedBroker start(BrokerConfig config);

        /** As {@link EmbeddedBroker#stop(String)}. */
        boolean stop(String name);
    }
}
