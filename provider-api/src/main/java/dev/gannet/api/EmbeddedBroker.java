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
 * A broker started this way runs until {@link #close()}; vm connections opened meanwhile share it. Closing
 * stops the broker once its last vm connection has closed too, and then shuts its store down.
 */
public interface EmbeddedBroker extends AutoCloseable {

    /**
     * Starts the broker described by {@code config}, or joins it if this JVM already runs a broker of that name
     * on the same data directory.
     *
     * @throws IllegalStateException if a broker of that name runs on another data directory, or if no Gannet
     *                               implementation (provider-impl) is on the class path
     * @throws java.io.UncheckedIOException if the store cannot be opened
     */
    static EmbeddedBroker start(BrokerConfig config) {
        return ServiceLoader.load(Launcher.class, EmbeddedBroker.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No Gannet broker implementation found: add dev.gannet:provider-impl to the class path"))
                .start(config);
    }

    /** The configuration this broker runs with. */
    BrokerConfig config();

    /** Releases this handle; the broker stops when no handle and no vm connection uses it any more. */
    @Override
    void close();

    /** Service-provider interface implemented by provider-impl; not for applications. */
    interface Launcher {
        EmbeddedBroker start(BrokerConfig config);
    }
}
