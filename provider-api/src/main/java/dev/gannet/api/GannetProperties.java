package dev.gannet.api;

/** Names Gannet gives to connection URL options. */
public final class GannetProperties {

    /** URL option naming the data directory of a {@code vm://} broker started on first use. */
    public static final String DATA_DIRECTORY = "dataDirectory";
    /**
     * URL option, {@code vm://} only: {@code true} stops a broker this connection starts when its last connection
     * closes (default {@code false}: it runs until {@link EmbeddedBroker#stop(String)} or the JVM's exit).
     */
    public static final String STOP_WITH_LAST_CONNECTION = "stopWithLastConnection";
    /**
     * URL option, {@code vm://} only: {@code memory} keeps everything of a broker this connection starts in its heap
     * ({@link StoreConfig#inMemory()}: persistent messages do not survive its stop); {@code derby}, the default, keeps
     * it in its Derby store.
     */
    public static final String STORE = "store";
    /** URL option: how many messages a consumer may hold undelivered on the client (default 1000, minimum 1). */
    public static final String PREFETCH = "prefetch";
    /** URL option: client ID given to every connection from this factory. */
    public static final String CLIENT_ID = "clientID";
    /** URL option: user name. */
    public static final String USER = "user";
    /** URL option: password. */
    public static final String PASSWORD = "password";

    private GannetProperties() {
    }
}
