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
    private final Authenticator authenticator;
    private final Administration administration;
    private final ManagementAccess managementAccess;

    private Broker(BrokerConfig config, MessageStore store, Scheduler scheduler, BrokerSecurity security) {
        this.config = config;
        this.store = store;
        this.scheduler = scheduler;
        this.authenticator = security.authenticator();
        RecoveredState state = store.recover();
        StoreWriter writer = new StoreWriter(config.name(), store);
        QueueRows queueRows = new QueueRows(config.name(), writer);
        ExpiredMessages expired = new ExpiredMessages();
        MemoryBudget memory = new MemoryBudget(config.effectiveMemoryBudgetBytes());
        ThrottledLog warnings = new ThrottledLog();
        this.events = new BrokerEvents(config.name(), warnings);
        this.registry = new DestinationRegistry(config.name(), config.destinations(),
                new QueueServices(scheduler, writer, expired, memory), queueRows, events, state.maxQueueId());
        DuplicateDetection duplicates = new DuplicateDetection(config.name(), config.destinations());
        Subscriptions subscriptions = new Subscriptions(registry, writer, queueRows, events);
        PostOffice postOffice = new PostOffice(registry, duplicates, writer, queueRows, state.maxMessageId());
        MessageMover mover = new MessageMover(config.name(), registry, postOffice, expired, warnings);
        Redelivery redelivery = new Redelivery(mover, writer, scheduler);
        ResourceManager resourceManager = new ResourceManager(config.name(), postOffice, writer, scheduler, events,
                config.transactionTimeout());
        CommandGate gate = new CommandGate(security.authorizer(), registry, subscriptions);
        this.connections = new Connections(new ConnectionParts(warnings, new ClientIds(), registry, subscriptions,
                postOffice, redelivery, resourceManager, writer, gate, security.authenticator(), security.setsUserId(),
                events));
        this.counters = new DestinationCounters(registry, subscriptions, duplicates);
        this.administration = new Administration(config, Instant.now(), registry, counters, mover, connections,
                events, memory);
        this.managementAccess = new ManagementAccess(config.name(), security.authenticator(), security.authorizer());
        new Recovery(config.name(), registry, subscriptions, duplicates, writer, resourceManager, redelivery)
                .restore(state);
        mover.start(scheduler);
    }

    /**
     * Starts a broker on the store {@code config.store()} names (by default Derby in {@code config.dataDirectory()}),
     * recovering what the store holds; it lets every connection in and permits every command.
     *
     * @throws IllegalArgumentException if {@code config} enables security: a secured broker starts with the parts its
     *         security configuration describes ({@code dev.gannet.security.SecuredBroker.start}), or with
     *         {@link #start(BrokerConfig, BrokerSecurity.Factory)}
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config) {
        if (config.security().enabled()) {
            throw new IllegalArgumentException("Broker " + config.name() + " has security enabled: start it with"
                    + " dev.gannet.security.SecuredBroker.start, which builds the security its configuration describes");
        }
        return start(config, BrokerSecurity.NONE);
    }

    /**
     * Starts a broker as {@link #start(BrokerConfig)} does, without authentication, whose command gate asks
     * {@code authorizer} before every command.
     *
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config, Authorizer authorizer) {
        return start(config, new BrokerSecurity(Authenticator.NONE, authorizer, false));
    }

    /**
     * Starts a broker as {@link #start(BrokerConfig)} does, with the security parts {@code security}.
     *
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config, BrokerSecurity security) {
        return start(config, timer -> security);
    }

    /**
     * Starts a broker as {@link #start(BrokerConfig)} does, with the security parts {@code security} builds on the
     * broker's timer before the store is opened (the one way {@code config.security()} becomes a broker's security:
     * {@code dev.gannet.security.SecuredBroker}). {@code config.security()} itself is not read here.
     *
     * @throws IllegalArgumentException as {@link BrokerSecurity.Factory#create} refuses a wrong configuration
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config, BrokerSecurity.Factory security) {
        Scheduler scheduler = new Scheduler(config.name());
        BrokerSecurity parts;
        try {
            parts = security.create(scheduler);
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
        MessageStore store = null;
        try {
            store = StoreFactory.open(config);
            Broker broker = new Broker(config, store, scheduler, parts);
            LOG.info("Broker {} started on {}{}", config.name(), config.store() instanceof StoreConfig.EmbeddedDerby
                    ? config.dataDirectory().toAbsolutePath() : config.store(),
                    parts.authenticates() ? ", connections log in" : "");
            return broker;
        } catch (RuntimeException e) {
            parts.authenticator().close();
            scheduler.close();
            if (store != null) {
                store.close();
            }
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
     * Who may manage this broker: logs operators in with the broker's authenticator and checks their right
     * {@code manage} with its authorizer, as every way in to management must before it calls {@link #administration()}.
     */
    public ManagementAccess managementAccess() {
        return managementAccess;
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
        authenticator.close();
        store.close();
        LOG.info("Broker {} stopped", config.name());
    }

    @Override
    public String toString() {
        return "Broker " + config.name();
    }
}
