package dev.gannet.management.metrics;

import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.broker.Administration;
import dev.gannet.broker.BrokerEvent;
import dev.gannet.broker.BrokerListener;
import dev.gannet.broker.QueueAddress;
import dev.gannet.message.GannetDestination;
import dev.gannet.transport.vm.VmEmbeddedBroker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.jms.JMSException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

/**
 * A broker's figures as Micrometer meters: for the broker as a whole, and for each queue and topic subscription the
 * counters and gauges its {@link dev.gannet.api.management.QueueMXBean} or
 * {@link dev.gannet.api.management.SubscriptionMXBean} shows. Bound to a registry, it adds the meters of what the
 * broker holds, then follows the broker's lifecycle events: a queue or subscription that comes gets its meters, one
 * that goes loses them. {@link #close()} removes every meter it added and stops following the broker; close it before
 * the broker stops (a meter of a stopped broker reads NaN).
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(config);
 *      GannetMetrics metrics = new GannetMetrics(broker)) {
 *     metrics.bindTo(registry); // the application's MeterRegistry
 *     ...
 * }
 * }</pre>
 *
 * <p>Meters (every one tagged {@value #BROKER} with the broker's name):
 * <ul>
 * <li>broker-wide gauges {@code gannet.connections}, {@code gannet.queues}, {@code gannet.topics},
 * {@code gannet.subscriptions}, {@code gannet.queues.memory} (bytes the queues' waiting messages take),
 * {@code gannet.memory.budget} and the time gauge {@code gannet.uptime};</li>
 * <li>per queue, tagged {@value #DESTINATION} with its name, {@code gannet.queue.*}; per subscription, tagged
 * {@value #DESTINATION} with its topic's name, {@value #SUBSCRIPTION} (its name, or the broker's number for an unshared
 * non-durable one), {@value #KIND} ({@code durable}, {@code shared} or {@code non-durable}) and {@value #CLIENT_ID}
 * (empty if none), {@code gannet.subscription.*}: the gauges {@code depth}, {@code bytes}, {@code paged},
 * {@code memory}, {@code consumers}, {@code oldest.message.age} (a time gauge) and the function counters
 * {@code messages.enqueued}, {@code messages.delivered}, {@code messages.acknowledged}, {@code messages.expired},
 * {@code messages.dead.lettered}, and for a queue {@code messages.duplicates.dropped} (a topic's duplicates are
 * dropped before they reach a subscription).</li>
 * </ul>
 * Each meter reads the broker when the registry asks (a scrape, a publish), through its {@link Administration};
 * Micrometer is an optional dependency of Gannet, needed only by who uses this class. Thread-safe.
 */
public final class GannetMetrics implements MeterBinder, AutoCloseable {

    public static final String BROKER = "broker";
    public static final String DESTINATION = "destination";
    public static final String SUBSCRIPTION = "subscription";
    public static final String KIND = "kind";
    public static final String CLIENT_ID = "client.id";

    private final Administration administration;
    private final String brokerName;
    private final BrokerListener listener = this::onEvent;
    private final AtomicBoolean listening = new AtomicBoolean();
    private final Object lock = new Object();
    private final List<MeterRegistry> registries = new ArrayList<>(); // guarded by lock
    /** The broker-wide meters, in every registry. */
    private final List<Meter> brokerMeters = new ArrayList<>(); // guarded by lock
    /** The meters of each queue and subscription, in every registry. */
    private final Map<QueueAddress, List<Meter>> queueMeters = new HashMap<>(); // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * The meters of an embedded broker, started with {@link EmbeddedBroker#start}: they read the broker the handle
     * reaches, and are to be closed before the handle.
     *
     * @throws IllegalArgumentException if {@code broker} is not a Gannet broker of this class path's provider-impl
     */
    public GannetMetrics(EmbeddedBroker broker) {
        this(administrationOf(broker));
    }

    /** The meters of the broker {@code administration} manages (the standalone server's). */
    public GannetMetrics(Administration administration) {
        this.administration = administration;
        this.brokerName = administration.config().name();
    }

    private static Administration administrationOf(EmbeddedBroker broker) {
        if (broker instanceof VmEmbeddedBroker embedded) {
            return embedded.administration();
        }
        throw new IllegalArgumentException("Not a broker started by EmbeddedBroker.start: " + broker);
    }

    /**
     * Adds the broker's meters to {@code registry} and keeps them in step with the broker until {@link #close()}. May
     * be called for several registries; binding one registry twice adds nothing.
     *
     * @throws IllegalStateException if closed
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The metrics of broker " + brokerName + " were closed");
            }
        }
        if (listening.compareAndSet(false, true)) {
            administration.addListener(listener); // first: what changes while the meters below are added is heard
        }
        synchronized (lock) {
            if (closed) { // closed meanwhile, perhaps before the listener was added
                administration.removeListener(listener);
                return;
            }
            if (registries.contains(registry)) {
                return;
            }
            registries.add(registry);
            brokerMeters.addAll(brokerMeters(registry));
            queueMeters.forEach((address, meters) -> meters.addAll(metersOf(address, registry)));
            administration.queues().forEach(queue -> syncQueue(queue.name()));
            administration.topics().forEach(this::syncSubscriptions);
        }
    }

    private void onEvent(BrokerEvent event) {
        synchronized (lock) {
            if (closed || registries.isEmpty()) {
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

    /** Adds the queue's meters if the broker has the queue, else removes them; the caller holds the lock. */
    private void syncQueue(String name) {
        QueueAddress address = new QueueAddress.Queue(name);
        if (administration.queue(name).isEmpty()) {
            remove(address);
        } else if (!queueMeters.containsKey(address)) {
            add(address);
        }
    }

    /** Makes the topic's subscription meters those of its subscriptions now; the caller holds the lock. */
    private void syncSubscriptions(GannetDestination topic) {
        Set<QueueAddress.Subscription> now = Set.copyOf(administration.subscriptionsOf(topic));
        Iterator<QueueAddress> known = queueMeters.keySet().iterator();
        List<QueueAddress> gone = new ArrayList<>();
        while (known.hasNext()) {
            if (known.next() instanceof QueueAddress.Subscription subscription
                    && subscription.topic().equals(topic.name()) && !now.contains(subscription)) {
                gone.add(subscription);
            }
        }
        gone.forEach(this::remove); // before adding: a replaced subscription's successor has the same tags
        now.stream().filter(subscription -> !queueMeters.containsKey(subscription)).forEach(this::add);
    }

    private void add(QueueAddress address) {
        List<Meter> meters = new ArrayList<>();
        registries.forEach(registry -> meters.addAll(metersOf(address, registry)));
        queueMeters.put(address, meters);
    }

    private void remove(QueueAddress address) {
        List<Meter> meters = queueMeters.remove(address);
        if (meters != null) {
            removeFromRegistries(meters);
        }
    }

    private void removeFromRegistries(List<Meter> meters) {
        for (Meter meter : meters) {
            registries.forEach(registry -> registry.remove(meter));
        }
    }

    private List<Meter> brokerMeters(MeterRegistry registry) {
        Tags tags = Tags.of(BROKER, brokerName);
        Instant started = administration.started();
        return List.of(
                Gauge.builder("gannet.connections", administration::connectionCount).tags(tags)
                        .description("Open client connections").register(registry),
                Gauge.builder("gannet.queues", () -> administration.queues().size()).tags(tags)
                        .description("Queues, permanent and temporary").register(registry),
                Gauge.builder("gannet.topics", () -> administration.topics().size()).tags(tags)
                        .description("Topics, permanent and temporary").register(registry),
                Gauge.builder("gannet.subscriptions", () -> administration.subscriptions().size()).tags(tags)
                        .description("Topic subscriptions").register(registry),
                Gauge.builder("gannet.queues.memory", administration::queueMemoryBytes).tags(tags).baseUnit("bytes")
                        .description("Heap the messages waiting in every queue and subscription take")
                        .register(registry),
                Gauge.builder("gannet.memory.budget", administration::memoryBudgetBytes).tags(tags).baseUnit("bytes")
                        .description("The memory budget past which durable queues page their persistent backlog")
                        .register(registry),
                TimeGauge.builder("gannet.uptime", () -> Duration.between(started, Instant.now()).toMillis(),
                        TimeUnit.MILLISECONDS).tags(tags).description("Time since the broker started")
                        .register(registry));
    }

    /** The meters of one queue or subscription in {@code registry}. */
    private List<Meter> metersOf(QueueAddress address, MeterRegistry registry) {
        String prefix;
        Tags tags;
        if (address instanceof QueueAddress.Queue queue) {
            prefix = "gannet.queue.";
            tags = Tags.of(Tag.of(BROKER, brokerName), Tag.of(DESTINATION, queue.name()));
        } else {
            QueueAddress.Subscription subscription = (QueueAddress.Subscription) address;
            prefix = "gannet.subscription.";
            tags = Tags.of(Tag.of(BROKER, brokerName), Tag.of(DESTINATION, subscription.topic()),
                    Tag.of(SUBSCRIPTION, subscription.name() != null ? subscription.name()
                            : Long.toString(subscription.number())),
                    Tag.of(KIND, kindOf(subscription)),
                    Tag.of(CLIENT_ID, subscription.clientId() == null ? "" : subscription.clientId()));
        }
        Map<String, ToDoubleFunction<DestinationStatistics>> counters = new LinkedHashMap<>();
        counters.put("messages.enqueued", DestinationStatistics::enqueued);
        counters.put("messages.delivered", DestinationStatistics::delivered);
        counters.put("messages.acknowledged", DestinationStatistics::acknowledged);
        counters.put("messages.expired", DestinationStatistics::expired);
        counters.put("messages.dead.lettered", DestinationStatistics::deadLettered);
        if (address instanceof QueueAddress.Queue) { // a topic's duplicates are counted at the topic, not here
            counters.put("messages.duplicates.dropped", DestinationStatistics::duplicatesDropped);
        }
        QueueFigures figures = new QueueFigures(administration, address);
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder(prefix + "depth", figures, f -> f.statistic(DestinationStatistics::depth))
                .tags(tags).strongReference(true)
                .description("Messages held: waiting, delayed, or delivered and not yet acknowledged")
                .register(registry));
        meters.add(Gauge.builder(prefix + "bytes", figures, f -> f.statistic(DestinationStatistics::bytes))
                .tags(tags).strongReference(true).baseUnit("bytes").description("Encoded bytes of the messages held")
                .register(registry));
        meters.add(Gauge.builder(prefix + "paged", figures, QueueFigures::pagedCount)
                .tags(tags).strongReference(true).description("Messages that live only in the store now")
                .register(registry));
        meters.add(Gauge.builder(prefix + "memory", figures, QueueFigures::memoryBytes)
                .tags(tags).strongReference(true).baseUnit("bytes")
                .description("Heap the waiting messages take").register(registry));
        meters.add(Gauge.builder(prefix + "consumers", figures,
                        f -> f.statistic(statistics -> statistics.consumers()))
                .tags(tags).strongReference(true).description("Consumers").register(registry));
        meters.add(TimeGauge.builder(prefix + "oldest.message.age", figures, TimeUnit.MILLISECONDS,
                        QueueFigures::oldestMessageAgeMillis)
                .tags(tags).strongReference(true)
                .description("Age of the oldest waiting message by its JMSTimestamp; 0 if none waits")
                .register(registry));
        counters.forEach((name, counter) -> meters.add(
                FunctionCounter.builder(prefix + name, figures, f -> f.statistic(counter)).tags(tags)
                        .description("Messages " + name.substring("messages.".length()).replace('.', ' '))
                        .register(registry)));
        return meters;
    }

    private static String kindOf(QueueAddress.Subscription subscription) {
        if (subscription.durable()) {
            return "durable";
        }
        return subscription.shared() ? "shared" : "non-durable";
    }

    /**
     * Removes every meter this added from every registry it was bound to, and stops following the broker. Calling it
     * again does nothing.
     */
    @Override
    public void close() {
        administration.removeListener(listener);
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            removeFromRegistries(brokerMeters);
            queueMeters.values().forEach(this::removeFromRegistries);
            brokerMeters.clear();
            queueMeters.clear();
            registries.clear();
        }
    }

    /**
     * What the meters of one queue or subscription read, through the administration; NaN once it is gone (its meters
     * are being removed).
     */
    private record QueueFigures(Administration administration, QueueAddress address) {

        double statistic(ToDoubleFunction<DestinationStatistics> figure) {
            try {
                return figure.applyAsDouble(administration.statistics(address));
            } catch (JMSException e) {
                return Double.NaN;
            }
        }

        double pagedCount() {
            try {
                return administration.pagedCount(address);
            } catch (JMSException e) {
                return Double.NaN;
            }
        }

        double memoryBytes() {
            try {
                return administration.memoryBytes(address);
            } catch (JMSException e) {
                return Double.NaN;
            }
        }

        double oldestMessageAgeMillis() {
            try {
                long oldest = administration.oldestMessageTimestamp(address);
                return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
            } catch (JMSException e) {
                return Double.NaN;
            }
        }
    }
}
