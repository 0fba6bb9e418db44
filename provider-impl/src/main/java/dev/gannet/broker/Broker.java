package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationStatistics;
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

import java.time.Instant;

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
    private final Connections connections;
    private final BrokerEvents events;
    private final DestinationCounters counters;
    private final Administration administration;

    private Broker(BrokerConfig config, MessageStore store, Authorizer authorizer) {
        this.config = config;
        this.store = store;
        this.scheduler = new Scheduler(config.name());
        RecoveredState state = store.recover();
        StoreWriter writer = new StoreWriter(config.name(), store);
        QueueRows queueRows = new QueueRows(config.name(), writer);
        ExpiredMessages expired = new ExpiredMessages();
        ThrottledLog warnings = new ThrottledLog();
        this.events = new BrokerEvents(config.name(), warnings);
        this.registry = new DestinationRegistry(config.name(), config.destinations(),
                new QueueServices(scheduler, writer, expired), queueRows, events, state.maxQueueId());
        DuplicateDetection duplicates = new DuplicateDetection(config.name(), config.destinations());
        Subscriptions subscriptions = new Subscriptions(registry, writer, queueRows, events);
        PostOffice postOffice = new PostOffice(registry, duplicates, writer, queueRows, state.maxMessageId());
        MessageMover mover = new MessageMover(config.name(), registry, postOffice, expired, warnings);
        Redelivery redelivery = new Redelivery(mover, writer, scheduler);
        ResourceManager resourceManager = new ResourceManager(config.name(), postOffice, writer, scheduler, events,
                config.transactionTimeout());
        this.connections = new Connections(new ConnectionParts(warnings, new ClientIds(), registry, subscriptions,
                postOffice, redelivery, resourceManager, writer, new CommandGate(authorizer), events));
        this.counters = new DestinationCounters(registry, subscriptions, duplicates);
        this.administration = new Administration(config, Instant.now(), registry, counters, mover, connections,
                events);
        new Recovery(config.name(), registry, subscriptions, duplicates, writer, resourceManager, redelivery)
                .restore(state);
        mover.start(scheduler);
    }

    /**
     * Starts a broker on the store {@code config.store()} names (by default Derby in {@code config.dataDirectory()}),
     * recovering what the store holds; it permits every command.
     *
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config) {
        return start(config, Authorizer.ALLOW_ALL);
    }

    /**
     * Starts a broker as {@link #start(BrokerConfig)} does, whose command gate asks {@code authorizer} before every
     * command.
     *
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config, Authorizer authorizer) {
        MessageStore store = StoreFactory.open(config);
        try {
            Broker broker = new Broker(config, store, authorizer);
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

    /**
     * The counters of a queue or topic (a topic's sum its subscriptions'; see {@link DestinationStatistics}).
     *
     * @throws jakarta.jms.InvalidDestinationException if the broker has no such queue or topic (a permanent one not
     *         used yet, a temporary one deleted)
     * @throws JMSException if {@code destination} is not a Gannet destination
     */
    public DestinationStatistics statistics(Destination destination) throws JMSException {
        return counters.of(GannetDestination.from(destination));
    }

    /**
     * The counters of the durable subscription, or the shared non-durable one ({@code durable} false), named
     * {@code name} of the client ID {@code clientId} (null: of connections without client ID).
     *
     * @throws jakarta.jms.InvalidDestinationException if there is no such subscription
     */
    public DestinationStatistics subscriptionStatistics(String clientId, String name, boolean durable)
            throws JMSException {
        return counters.ofSubscription(new SubscriptionKey(durable, clientId, name));
    }

    /** What management reads and does on this broker: every management operation goes through it. */
    public Administration administration() {
        return administration;
    }

    /**
     * Adds a listener of the broker's lifecycle events from now on (what exists already is not announced); see
     * {@link BrokerListener} for how it is called.
     */
    public void addListener(BrokerListener listener) {
        events.add(listener);
    }

    public void removeListener(BrokerListener listener) {
        events.remove(listener);
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
