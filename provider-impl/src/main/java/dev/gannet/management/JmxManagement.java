package dev.gannet.management;

import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.ConnectionMXBean;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.api.management.SubscriptionMXBean;
import dev.gannet.broker.Administration;
import dev.gannet.broker.Broker;
import dev.gannet.broker.BrokerEvent;
import dev.gannet.broker.BrokerListener;
import dev.gannet.broker.ConnectionSummary;
import dev.gannet.broker.QueueAddress;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A broker's MXBeans in an MBean server (see {@link dev.gannet.api.management} for their names): {@link #start()}
 * registers the broker's bean and those of the queues, subscriptions and connections it has, then keeps them in step
 * with the broker's lifecycle events; {@link #close()} unregisters every one of them. Each event makes it look at what
 * the broker holds now for what the event names (a queue, a topic's subscriptions, a connection), so events that
 * cross on their way here leave the beans as the broker is.
 *
 * <p>A bean that cannot be registered (a name taken by another broker of the same name in this JVM, loaded by another
 * class loader) is logged and left out; the broker runs on. Thread-safe: events come from the broker's threads.
 */
public final class JmxManagement implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxManagement.class);
    private static final String VERSION = readVersion();

    private final Administration administration;
    private final MBeanServer server;
    private final String brokerName;
    private final BrokerListener listener = this::onEvent;
    private final Object lock = new Object();
    /** Every name this registered and has not unregistered yet. */
    private final Set<ObjectName> registered = new HashSet<>(); // guarded by lock
    /** The subscription beans by topic name, each by object name. */
    private final Map<String, Map<ObjectName, QueueAddress.Subscription>> subscriptions =
            new HashMap<>(); // guarded by lock
    private boolean started; // guarded by lock
    private boolean closed; // guarded by lock

    public JmxManagement(Administration administration, MBeanServer server) {
        this.administration = administration;
        this.server = server;
        this.brokerName = administration.config().name();
    }

    /**
     * Starts the MXBeans of {@code broker} in the platform MBean server if its configuration wants them
     * ({@link dev.gannet.api.BrokerConfig#jmxEnabled()}); the caller closes what it answers before it closes the
     * broker.
     */
    public static Optional<JmxManagement> startFor(Broker broker) {
        if (!broker.config().jmxEnabled()) {
            return Optional.empty();
        }
        return Optional.of(new JmxManagement(broker.administration(), ManagementFactory.getPlatformMBeanServer())
                .start());
    }

    /**
     * Registers the broker's bean and those of its queues, subscriptions and connections, and follows the broker's
     * events from now on. Call once.
     *
     * @throws IllegalStateException if started before, or closed
     */
    public JmxManagement start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("JMX management of broker " + brokerName + " was started before");
            }
            started = true;
        }
        administration.addListener(listener); // first: what changes while the beans below register is heard
        synchronized (lock) {
            register(ObjectNames.broker(brokerName), new BrokerControl(administration, VERSION), BrokerMXBean.class);
            administration.queues().forEach(queue -> syncQueue(queue.name()));
            administration.topics().forEach(this::syncSubscriptions);
            administration.connections().forEach(connection -> syncConnection(connection.id()));
            LOG.info("Broker {}: {} MXBean(s) registered under {}", brokerName, registered.size(),
                    ObjectNames.DOMAIN);
        }
        return this;
    }

    private void onEvent(BrokerEvent event) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (event instanceof BrokerEvent.DestinationCreated created) {
                changed(created.destination());
            } else if (event instanceof BrokerEvent.DestinationRemoved removed) {
                changed(removed.destination());
            } else if (event instanceof BrokerEvent.SubscriptionCreated created) {
                syncSubscriptions(created.topic());
            } else if (event instanceof BrokerEvent.SubscriptionRemoved removed) {
                syncSubscriptions(removed.topic());
            } else if (event instanceof BrokerEvent.ConnectionOpened opened) {
                syncConnection(opened.connection().connectionId());
            } else if (event instanceof BrokerEvent.ConnectionClosed ended) {
                syncConnection(ended.connection().connectionId());
            }
        }
    }

    /** A queue or topic came or went; the caller holds the lock. */
    private void changed(GannetDestination destination) {
        if (destination.kind().isQueue()) {
            syncQueue(destination.name());
        } else {
            syncSubscriptions(destination);
        }
    }

    /** Registers the queue's bean if the broker has the queue, else unregisters it; the caller holds the lock. */
    private void syncQueue(String name) {
        ObjectName objectName = ObjectNames.queue(brokerName, name);
        Optional<GannetDestination> queue = administration.queue(name);
        if (queue.isEmpty()) {
            unregister(objectName);
        } else if (!registered.contains(objectName)) {
            register(objectName, new QueueControl(administration, new QueueAddress.Queue(name),
                    queue.get().kind() == DestinationKind.TEMPORARY_QUEUE), QueueMXBean.class);
        }
    }

    /** Makes the topic's subscription beans those of its subscriptions now; the caller holds the lock. */
    private void syncSubscriptions(GannetDestination topic) {
        Map<ObjectName, QueueAddress.Subscription> now = new HashMap<>();
        for (QueueAddress.Subscription subscription : administration.subscriptionsOf(topic)) {
            now.put(nameOf(subscription), subscription);
        }
        Map<ObjectName, QueueAddress.Subscription> known = subscriptions.computeIfAbsent(topic.name(),
                name -> new HashMap<>());
        Iterator<Map.Entry<ObjectName, QueueAddress.Subscription>> registeredOnes = known.entrySet().iterator();
        while (registeredOnes.hasNext()) {
            Map.Entry<ObjectName, QueueAddress.Subscription> entry = registeredOnes.next();
            if (!entry.getValue().equals(now.get(entry.getKey()))) {
                unregister(entry.getKey());
                registeredOnes.remove();
            }
        }
        now.forEach((objectName, subscription) -> {
            if (!known.containsKey(objectName) && register(objectName,
                    new SubscriptionControl(administration, subscription), SubscriptionMXBean.class)) {
                known.put(objectName, subscription);
            }
        });
        if (known.isEmpty()) {
            subscriptions.remove(topic.name());
        }
    }

    private ObjectName nameOf(QueueAddress.Subscription subscription) {
        if (subscription.name() == null) {
            return ObjectNames.nonDurableSubscription(brokerName, subscription.topic(), subscription.number());
        }
        return subscription.durable()
                ? ObjectNames.durableSubscription(brokerName, subscription.topic(), subscription.clientId(),
                subscription.name())
                : ObjectNames.sharedSubscription(brokerName, subscription.topic(), subscription.clientId(),
                subscription.name());
    }

    /** Registers the connection's bean if it is open, else unregisters it; the caller holds the lock. */
    private void syncConnection(long id) {
        ObjectName objectName = ObjectNames.connection(brokerName, id);
        Optional<ConnectionSummary> connection = administration.connection(id);
        if (connection.isEmpty()) {
            unregister(objectName);
        } else if (!registered.contains(objectName)) {
            register(objectName, new ConnectionControl(administration, id), ConnectionMXBean.class);
        }
    }

    /** Registers {@code bean} as an MXBean of {@code type}; answers false (logged) if it cannot be. */
    private <T> boolean register(ObjectName name, T bean, Class<T> type) {
        try {
            server.registerMBean(new StandardMBean(bean, type, true), name);
            registered.add(name);
            return true;
        } catch (InstanceAlreadyExistsException e) {
            LOG.warn("Broker {}: MXBean {} is registered already, by another broker of the same name in this JVM;"
                    + " this broker's is left out", brokerName, name);
        } catch (JMException | RuntimeException e) {
            LOG.warn("Broker {}: MXBean {} cannot be registered: {}", brokerName, name, e.toString());
        }
        return false;
    }

    private void unregister(ObjectName name) {
        if (!registered.remove(name)) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // unregistered by someone else: nothing of ours is left
        } catch (JMException | RuntimeException e) {
            LOG.warn("Broker {}: MXBean {} cannot be unregistered: {}", brokerName, name, e.toString());
        }
    }

    /** Stops following the broker and unregisters every MXBean this registered. Calling it again does nothing. */
    @Override
    public void close() {
        administration.removeListener(listener);
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            int count = registered.size();
            Set.copyOf(registered).forEach(this::unregister);
            subscriptions.clear();
            LOG.info("Broker {}: {} MXBean(s) unregistered", brokerName, count);
        }
    }

    /** Gannet's version, from the build; {@code unknown} when run from classes the build did not filter. */
    private static String readVersion() {
        try (InputStream in = JmxManagement.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
