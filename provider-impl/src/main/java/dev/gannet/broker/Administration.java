package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.Limits;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.selector.Selector;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an operator may read and do on a running broker, in the broker's terms: the one way in for management (the
 * JMX MXBeans of {@code dev.gannet.management}, and whatever later calls the same operations). Every operation goes
 * through here, so that a check of who may manage the broker has one place to go.
 *
 * <p>It reads the broker's parts and hands each operation to the part that owns it: destinations to the
 * {@link DestinationRegistry}, counters to {@link DestinationCounters}, removing and moving messages to the
 * {@link MessageMover} (which works through the store as a client's acknowledgement and send would), pause and resume
 * to the {@link MessageQueue}, connections to {@link Connections}. Methods may be called from any thread; those that
 * read or write the store wait for it.
 */
public final class Administration {

    private final BrokerConfig config;
    private final Instant started;
    private final DestinationRegistry registry;
    private final DestinationCounters counters;
    private final MessageMover mover;
    private final Connections connections;
    private final BrokerEvents events;
    private final MemoryBudget memory;

    Administration(BrokerConfig config, Instant started, DestinationRegistry registry, DestinationCounters counters,
                   MessageMover mover, Connections connections, BrokerEvents events, MemoryBudget memory) {
        this.config = config;
        this.started = started;
        this.registry = registry;
        this.counters = counters;
        this.mover = mover;
        this.connections = connections;
        this.events = events;
        this.memory = memory;
    }

    // ---- the broker

    public BrokerConfig config() {
        return config;
    }

    /** When the broker started. */
    public Instant started() {
        return started;
    }

    /**
     * Adds a listener of the broker's lifecycle events, as {@link Broker#addListener} does: what management follows
     * queues, subscriptions and connections coming and going by.
     */
    public void addListener(BrokerListener listener) {
        events.add(listener);
    }

    public void removeListener(BrokerListener listener) {
        events.remove(listener);
    }

    /** Heap the messages waiting in every queue and subscription take, of the broker's memory budget. */
    public long queueMemoryBytes() {
        return memory.used();
    }

    /** The broker's memory budget in bytes: past it, durable queues page their persistent backlog. */
    public long memoryBudgetBytes() {
        return memory.limit();
    }

    // ---- destinations

    /** The queues, permanent and temporary. */
    public List<GannetDestination> queues() {
        return registry.queues().stream().map(queue -> queue.queue().destination).toList();
    }

    /** The queue {@code name}, permanent or temporary, if the broker has it. */
    public Optional<GannetDestination> queue(String name) {
        QueueDestination found = registry.existingQueue(new QueueKey(name));
        return found == null ? Optional.empty() : Optional.of(found.queue().destination);
    }

    /** The topics, permanent and temporary. */
    public List<GannetDestination> topics() {
        return registry.topics().stream().map(TopicDestination::destination).toList();
    }

    /** Every topic subscription. */
    public List<QueueAddress.Subscription> subscriptions() {
        List<QueueAddress.Subscription> all = new ArrayList<>();
        for (TopicDestination topic : registry.topics()) {
            topic.subscriptions().forEach(subscription -> all.add(addressOf(topic, subscription)));
        }
        return all;
    }

    /** The subscriptions of the topic {@code topic}; none if there is no such topic. */
    public List<QueueAddress.Subscription> subscriptionsOf(GannetDestination topic) {
        TopicDestination registered = registry.existingTopic(new TopicKey(topic.name()));
        if (registered == null || !registered.destination().equals(topic)) {
            return List.of();
        }
        return registered.subscriptions().stream().map(subscription -> addressOf(registered, subscription)).toList();
    }

    private static QueueAddress.Subscription addressOf(TopicDestination topic, Subscription subscription) {
        SubscriptionKey key = subscription.key();
        return new QueueAddress.Subscription(topic.name, topic.owner != null, subscription.durable(),
                subscription.shared(), subscription.clientId(), key == null ? null : key.name(),
                subscription.queue().id, subscription.selector() == null ? null : subscription.selector().text(),
                subscription.noLocal());
    }

    /**
     * The counters of a queue or topic (see {@link Broker#statistics}).
     *
     * @throws InvalidDestinationException if the broker has no such queue or topic
     */
    public DestinationStatistics statistics(GannetDestination destination) throws InvalidDestinationException {
        return counters.of(destination);
    }

    /**
     * Creates the permanent queue {@code name} and stores it, unless it exists.
     *
     * @throws InvalidDestinationException if the name is empty, longer than
     *                                     {@link Limits#MAX_DESTINATION_NAME_LENGTH}, or a temporary queue's
     */
    public void createQueue(String name) throws JMSException {
        registry.queueFor(queueNamed(name));
    }

    /**
     * Deletes the permanent queue {@code name} with every message it holds, from the store too; see
     * {@link DestinationRegistry#deleteQueue}. Answers false if there is no such queue.
     *
     * @throws InvalidDestinationException if it is a temporary queue
     * @throws JMSException                if it has consumers, or the store failed
     */
    public boolean deleteQueue(String name) throws JMSException {
        return registry.deleteQueue(new QueueKey(name));
    }

    // ---- one queue or subscription

    /**
     * The counters of a queue (with the duplicates dropped for it) or a subscription.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     */
    public DestinationStatistics statistics(QueueAddress address) throws InvalidDestinationException {
        if (address instanceof QueueAddress.Queue queue) {
            MessageQueue found = resolve(queue);
            return counters.of(found.destination);
        }
        return resolve(address).statistics();
    }

    /**
     * Messages of the queue that live only in the store now.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     */
    public long pagedCount(QueueAddress address) throws InvalidDestinationException {
        return resolve(address).pagedCount();
    }

    /**
     * Heap the queue's waiting messages take, of the broker's memory budget.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     */
    public long memoryBytes(QueueAddress address) throws InvalidDestinationException {
        return resolve(address).memoryBytes();
    }

    /**
     * The oldest {@code JMSTimestamp} among the first waiting message of each priority (in memory, else the first
     * stored one); 0 if nothing waits, or none of them has a timestamp.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     */
    public long oldestMessageTimestamp(QueueAddress address) throws InvalidDestinationException {
        long oldest = 0;
        for (ServerMessage message : resolve(address).firstWaiting()) {
            try {
                long timestamp = message.headers().getJMSTimestamp();
                if (timestamp > 0 && (oldest == 0 || timestamp < oldest)) {
                    oldest = timestamp;
                }
            } catch (MessageFormatException e) { // logged once by the message
                // an unreadable message has no timestamp to count
            }
        }
        return oldest;
    }

    /**
     * Stops delivery to the queue's consumers until {@link #resume}, or until the broker stops.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     */
    public void pause(QueueAddress address) throws InvalidDestinationException {
        resolve(address).pause();
    }

    /**
     * Delivers again after {@link #pause}.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     */
    public void resume(QueueAddress address) throws InvalidDestinationException {
        resolve(address).resume();
    }

    /** @throws InvalidDestinationException if there is no such queue or subscription (any more) */
    public boolean isPaused(QueueAddress address) throws InvalidDestinationException {
        return resolve(address).isPaused();
    }

    /**
     * Up to {@code max} waiting messages that {@code selector} selects (null or blank: every message), encoded, in
     * delivery order, after skipping the first {@code offset} of them: as a queue browser walks the queue.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     * @throws jakarta.jms.InvalidSelectorException if the selector is not valid
     * @throws JMSException if the stored backlog cannot be read
     */
    public List<byte[]> browse(QueueAddress address, String selector, int offset, int max) throws JMSException {
        QueueBrowsing walk = resolve(address).browse(selector(selector));
        int skipped = 0;
        while (skipped < offset) {
            List<byte[]> page = walk.next(Math.min(QueueBrowsing.STORE_PAGE, offset - skipped), Long.MAX_VALUE);
            if (page.isEmpty()) {
                return List.of();
            }
            skipped += page.size();
        }
        return walk.next(max, Long.MAX_VALUE);
    }

    /**
     * Removes up to {@code max} waiting messages that {@code selector} selects (null or blank: all), each consumed
     * through the store as an acknowledgement consumes it; see {@link MessageMover#remove}. Answers how many.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     * @throws jakarta.jms.InvalidSelectorException if the selector is not valid
     * @throws JMSException if the store failed (what its last batch took stays)
     */
    public long remove(QueueAddress address, String selector, long max) throws JMSException {
        return mover.remove(resolve(address), wanted(selector), max);
    }

    /**
     * Moves up to {@code max} waiting messages that {@code selector} selects (null or blank: all) to the permanent
     * queue {@code targetQueue}, created if need be, each leaving and arriving in one store transaction; see
     * {@link MessageMover#move}. Answers how many.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more), or the target is not
     *                                     a valid permanent queue name, or is the queue itself
     * @throws jakarta.jms.InvalidSelectorException if the selector is not valid
     * @throws JMSException if the store failed (what its last batch took stays)
     */
    public long move(QueueAddress address, String selector, long max, String targetQueue) throws JMSException {
        MessageQueue from = resolve(address);
        return mover.move(from, wanted(selector), max, queueNamed(targetQueue));
    }

    /**
     * Sends up to {@code max} dead-lettered or expired waiting messages that {@code selector} selects (null or blank:
     * all) back to where they came from; see {@link MessageMover#retry}. Answers how many.
     *
     * @throws InvalidDestinationException if there is no such queue or subscription (any more)
     * @throws jakarta.jms.InvalidSelectorException if the selector is not valid
     * @throws JMSException if the store failed (what its last batch took stays)
     */
    public long retry(QueueAddress address, String selector, long max) throws JMSException {
        return mover.retry(resolve(address), wanted(selector), max);
    }

    private MessageQueue resolve(QueueAddress address) throws InvalidDestinationException {
        if (address instanceof QueueAddress.Queue queue) {
            QueueDestination found = registry.existingQueue(new QueueKey(queue.name()));
            if (found == null) {
                throw new InvalidDestinationException("No queue " + queue.name() + " in broker " + config.name());
            }
            return found.queue();
        }
        QueueAddress.Subscription subscription = (QueueAddress.Subscription) address;
        TopicDestination topic = registry.existingTopic(new TopicKey(subscription.topic()));
        if (topic != null) {
            for (Subscription candidate : topic.subscriptions()) {
                if (candidate.queue().id == subscription.number()) {
                    return candidate.queue();
                }
            }
        }
        throw new InvalidDestinationException("No subscription " + (subscription.name() == null
                ? "number " + subscription.number() : "'" + subscription.name() + "'") + " of topic "
                + subscription.topic() + " in broker " + config.name());
    }

    private static Selector selector(String text) throws JMSException {
        return Selector.isEmpty(text) ? null : Selector.parse(text);
    }

    /** Every message for an empty selector (unreadable ones too), else those the selector is true for. */
    private static Predicate<ServerMessage> wanted(String text) throws JMSException {
        Selector selector = selector(text);
        if (selector == null) {
            return message -> true;
        }
        return message -> {
            try {
                return selector.matches(message.filterable());
            } catch (MessageFormatException e) { // logged once by the message
                return false;
            }
        };
    }

    private static GannetDestination queueNamed(String name) throws InvalidDestinationException {
        if (name == null || name.isEmpty() || name.length() > Limits.MAX_DESTINATION_NAME_LENGTH) {
            throw new InvalidDestinationException("A queue name must have 1 to " + Limits.MAX_DESTINATION_NAME_LENGTH
                    + " characters");
        }
        return GannetDestination.of(DestinationKind.QUEUE, name);
    }

    // ---- connections

    /** The open connections. */
    public List<ConnectionSummary> connections() {
        return connections.all().stream().map(Administration::summaryOf).toList();
    }

    /** The open connection numbered {@code id}, if there is one. */
    public Optional<ConnectionSummary> connection(long id) {
        ServerConnection connection = connections.find(id);
        return connection == null ? Optional.empty() : Optional.of(summaryOf(connection));
    }

    public int connectionCount() {
        return connections.count();
    }

    /**
     * Closes the connection numbered {@code id} from the broker's side: what its sessions hold returns to its queues,
     * its temporary destinations go, and its client hears it through its ExceptionListener. Answers false if there is
     * no such connection (any more).
     */
    public boolean closeConnection(long id) {
        ServerConnection connection = connections.find(id);
        if (connection == null) {
            return false;
        }
        connections.end(connection, "Connection " + connection + " was closed by the broker's management");
        return true;
    }

    private static ConnectionSummary summaryOf(ServerConnection connection) {
        ConnectionIdentity identity = connection.identity();
        return new ConnectionSummary(connection.id(), identity.clientId(), identity.user(),
                connection.endpoint.peer().address(), connection.created(), connection.sessionCount(),
                connection.consumerCount());
    }
}
