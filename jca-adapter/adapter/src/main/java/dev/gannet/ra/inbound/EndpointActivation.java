package dev.gannet.ra.inbound;

import dev.gannet.ra.BrokerAccess;
import dev.gannet.ra.Credentials;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * One endpoint's activation (Connectors 2.1 section 13.4): a connection to the broker and up to
 * {@code maxSession} {@link DeliverySession}s consuming the endpoint's destination, delivering on the server's
 * WorkManager. When the connection is lost it is opened again after a back-off (1 s, doubling up to 30 s), logged,
 * until the activation is stopped; the endpoint's messages flow again once it is back. {@link #stop} waits for the
 * deliveries under way and releases everything.
 */
public final class EndpointActivation {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointActivation.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    /** Inbound consumers take one message at a time, so that an endpoint's sessions share a queue's backlog. */
    private static final String INBOUND_PREFETCH = "1";

    private final String name;
    private final ActivationSettings settings;
    private final MessageEndpointFactory endpointFactory;
    private final BrokerAccess access;
    private final WorkManager workManager;
    private final Timer timer;
    private final boolean transacted;

    private final Object lock = new Object();
    private Connection connection; // guarded by lock; null while disconnected
    private List<DeliverySession> sessions = List.of(); // guarded by lock
    private TimerTask retry; // guarded by lock; the reconnection scheduled, if any
    private Duration nextRetry = FIRST_RETRY; // guarded by lock
    private boolean stopped; // guarded by lock

    /**
     * @param access the broker and identity to receive with
     * @param timer  schedules reconnections (the adapter's, from its BootstrapContext)
     * @throws ResourceException if the spec's destination cannot be resolved or the endpoint factory cannot say
     *                           whether delivery is transacted
     */
    public EndpointActivation(GannetActivationSpec spec, MessageEndpointFactory endpointFactory, BrokerAccess access,
                              WorkManager workManager, Timer timer) throws ResourceException {
        this.settings = ActivationSettings.of(spec);
        this.endpointFactory = endpointFactory;
        this.access = access.withDefaultOption("prefetch", INBOUND_PREFETCH);
        this.workManager = workManager;
        this.timer = timer;
        try {
            this.transacted = endpointFactory.isDeliveryTransacted(Delivery.ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("Endpoint " + endpointFactory + " has no onMessage(Message)", e);
        }
        String endpointName = endpointFactory.getActivationName();
        this.name = "Activation " + (endpointName == null ? endpointFactory.toString() : endpointName) + " on "
                + settings.destinationName();
    }

    /**
     * Connects and starts delivery. A broker that cannot be reached now is tried again with back-off; a destination,
     * selector or identity the broker refuses fails the activation.
     *
     * @throws ResourceException if the broker refuses the activation's destination, selector or credentials
     */
    public void start() throws ResourceException {
        synchronized (lock) {
            try {
                connect();
                LOG.info("{}: delivering with {} session(s), {}", name, sessions.size(),
                        transacted ? "transacted" : "not transacted");
            } catch (InvalidSelectorException | InvalidDestinationException | JMSSecurityException e) {
                throw new ResourceException(name + " refused by the broker: " + e.getMessage(), e);
            } catch (JMSException | RuntimeException e) {
                LOG.warn("{}: cannot reach the broker ({}); trying again in {} s", name, e.getMessage(),
                        nextRetry.toSeconds());
                scheduleRetry();
            }
        }
    }

    /**
     * Stops delivery: waits for the deliveries under way to end, closes the sessions and the connection, releases
     * the endpoints. No reconnection follows.
     */
    public void stop() {
        Connection closing;
        List<DeliverySession> releasing;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
            closing = connection;
            releasing = sessions;
            connection = null;
            sessions = List.of();
        }
        closeQuietly(closing); // waits for the deliveries under way, whose sessions stay open until they return
        releasing.forEach(DeliverySession::releaseEndpoint);
        LOG.info("{}: stopped", name);
    }

    /** Whether the activation has a connection to the broker now. */
    public boolean isConnected() {
        synchronized (lock) {
            return connection != null;
        }
    }

    /** Opens the connection and the sessions; on failure closes whatever was opened. Called under lock. */
    private void connect() throws JMSException {
        XAConnection opened = access.openConnection(Credentials.NONE);
        List<DeliverySession> made = new ArrayList<>();
        try {
            if (settings.clientId() != null) {
                opened.setClientID(settings.clientId());
            }
            opened.setExceptionListener(e -> connectionLost(opened, e));
            for (int i = 0; i < settings.sessions(); i++) {
                made.add(openSession(opened, i + 1));
            }
            opened.start();
        } catch (JMSException | RuntimeException e) {
            closeQuietly(opened);
            made.forEach(DeliverySession::releaseEndpoint);
            throw e;
        }
        connection = opened;
        sessions = List.copyOf(made);
        nextRetry = FIRST_RETRY;
    }

    private DeliverySession openSession(XAConnection opened, int number) throws JMSException {
        Session session;
        DeliveryXAResource resource = null;
        if (transacted) {
            XASession xaSession = opened.createXASession();
            session = xaSession.getSession();
            resource = new DeliveryXAResource(xaSession.getXAResource());
        } else {
            session = opened.createSession(false, settings.acknowledgeMode());
        }
        DeliverySession delivery = new DeliverySession(name + " session " + number, session, resource,
                endpointFactory, workManager);
        delivery.listen(consumer(session));
        return delivery;
    }

    private MessageConsumer consumer(Session session) throws JMSException {
        if (!settings.topic()) {
            return session.createConsumer((Queue) settings.destination(), settings.selector());
        }
        Topic topic = (Topic) settings.destination();
        if (settings.durable()) {
            return settings.shared()
                    ? session.createSharedDurableConsumer(topic, settings.subscriptionName(), settings.selector())
                    : session.createDurableConsumer(topic, settings.subscriptionName(), settings.selector(), false);
        }
        return settings.shared()
                ? session.createSharedConsumer(topic, settings.subscriptionName(), settings.selector())
                : session.createConsumer(topic, settings.selector());
    }

    /** The connection's ExceptionListener: drops that connection and schedules a reconnection. */
    private void connectionLost(Connection lost, JMSException cause) {
        List<DeliverySession> dropped;
        synchronized (lock) {
            if (stopped || connection != lost) {
                return;
            }
            LOG.warn("{}: lost the broker connection ({}); reconnecting in {} s", name, cause.getMessage(),
                    nextRetry.toSeconds());
            dropped = sessions;
            connection = null;
            sessions = List.of();
            scheduleRetry();
        }
        submit(() -> {
            closeQuietly(lost);
            dropped.forEach(DeliverySession::releaseEndpoint);
        });
    }

    /** Schedules the next connection attempt after the current back-off. Called under lock. */
    private void scheduleRetry() {
        long delay = nextRetry.toMillis();
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
        retry = new TimerTask() {
            @Override
            public void run() {
                submit(EndpointActivation.this::retry);
            }
        };
        timer.schedule(retry, delay);
    }

    private void retry() {
        synchronized (lock) {
            retry = null;
            if (stopped || connection != null) {
                return;
            }
            try {
                connect();
                LOG.info("{}: connected to the broker again; delivering with {} session(s)", name, sessions.size());
            } catch (JMSException | RuntimeException e) {
                LOG.warn("{}: still cannot reach the broker ({}); trying again in {} s", name, e.getMessage(),
                        nextRetry.toSeconds());
                scheduleRetry();
            }
        }
    }

    /** Runs {@code task} as work of its own on the WorkManager, off the timer's and the transport's threads. */
    private void submit(Runnable task) {
        try {
            workManager.scheduleWork(new Work() {
                @Override
                public void run() {
                    task.run();
                }

                @Override
                public void release() {
                    LOG.debug("{}: the server asked a reconnection step to end early; it is short and ends", name);
                }
            });
        } catch (WorkException e) {
            LOG.error("{}: the WorkManager refused a reconnection step", name, e);
            synchronized (lock) {
                if (!stopped && connection == null && retry == null) {
                    scheduleRetry();
                }
            }
        }
    }

    private void closeQuietly(Connection closing) {
        if (closing == null) {
            return;
        }
        try {
            closing.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("{}: closing the connection failed", name, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
