package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.Limits;
import dev.gannet.api.StoreConfig;
import dev.gannet.log.ThrottledLog;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.store.MessageStore;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.factory.StoreFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running broker: assembles its parts over one {@link MessageStore} (see the package description for what each
 * owns) and runs their lifecycle. Nothing in it is static.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final MessageStore store;
    private final Scheduler scheduler;
    private final DestinationRegistry registry;
    private final DuplicateDetection duplicates;
    private final Connections connections;

    private Broker(BrokerConfig config, MessageStore store) {
        this.config = config;
        this.store = store;
        this.scheduler = new Scheduler(config.name());
        RecoveredState state = store.recover();
        StoreWriter writer = new StoreWriter(config.name(), store);
        QueueRows queueRows = new QueueRows(config.name(), writer);
        ExpiredMessages expired = new ExpiredMessages();
        ThrottledLog warnings = new ThrottledLog();
        this.registry = new DestinationRegistry(config.name(), config.destinations(),
                new QueueServices(scheduler, writer, expired), queueRows, state.maxQueueId());
        this.duplicates = new DuplicateDetection(config.name(), config.destinations());
        Subscriptions subscriptions = new Subscriptions(registry, writer, queueRows);
        PostOffice postOffice = new PostOffice(registry, duplicates, writer, queueRows, state.maxMessageId());
        MessageMover mover = new MessageMover(config.name(), registry, postOffice, expired, warnings);
        this.connections = new Connections(new ConnectionParts(warnings, new ClientIds(), registry, subscriptions,
                postOffice, mover, new ResourceManager(), writer, scheduler));
        new Recovery(config.name(), registry, subscriptions, duplicates, writer).restore(state);
        mover.start(scheduler);
    }

    /**
     * Starts a broker on the store {@code config.store()} names (by default Derby in {@code config.dataDirectory()}),
     * recovering what the store holds.
     *
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config) {
        MessageStore store = StoreFactory.open(config);
        try {
            Broker broker = new Broker(config, store);
            LOG.info("Broker {} started on {}", config.name(), config.store() instanceof StoreConfig.EmbeddedDerby
                    ? config.dataDirectory().toAbsolutePath() : config.store());
            return broker;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public BrokerConfig config() {
        return config;
    }

    /** Opens a connection whose deliveries go to {@code endpoint}. */
    public ServerConnection connect(ClientEndpoint endpoint) {
        return connections.open(endpoint);
    }

    /**
     * Creates the queue {@code name} and stores it, unless it exists already; the standalone server declares the
     * queues of its configuration this way at start.
     *
     * @throws IllegalArgumentException if the name is empty, longer than {@link Limits#MAX_DESTINATION_NAME_LENGTH}, or
     *         belongs to a temporary queue
     */
    public void declareQueue(String name) {
        if (name == null || name.isEmpty() || name.length() > Limits.MAX_DESTINATION_NAME_LENGTH) {
            throw new IllegalArgumentException("Queue name must have 1 to " + Limits.MAX_DESTINATION_NAME_LENGTH
                    + " characters");
        }
        try {
            registry.queueFor(GannetDestination.of(DestinationKind.QUEUE, name));
        } catch (JMSException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Registers the topic {@code name} unless it exists already. Topics are not stored: only their durable
     * subscriptions are, and a topic without subscriptions drops what is published to it.
     *
     * @throws IllegalArgumentException if the name is empty, longer than {@link Limits#MAX_DESTINATION_NAME_LENGTH}, or
     *         belongs to a temporary topic
     */
    public void declareTopic(String name) {
        if (name == null || name.isEmpty() || name.length() > Limits.MAX_DESTINATION_NAME_LENGTH) {
            throw new IllegalArgumentException("Topic name must have 1 to " + Limits.MAX_DESTINATION_NAME_LENGTH
                    + " characters");
        }
        if (registry.topic(new TopicKey(name)).owner != null) {
            throw new IllegalArgumentException("Topic " + name + " is a temporary topic");
        }
    }

    /** How many duplicates {@code destination} dropped since the broker started. */
    public long duplicatesDropped(Destination destination) throws JMSException {
        return duplicates.dropped(GannetDestination.from(destination));
    }

    /** Closes every connection, stops the timer and closes the store. */
    @Override
    public void close() {
        connections.closeAll("Broker " + config.name() + " stopped");
        scheduler.close();
        store.close();
        LOG.info("Broker {} stopped", config.name());
    }

    @Override
    public String toString() {
        return "Broker " + config.name();
    }
}
