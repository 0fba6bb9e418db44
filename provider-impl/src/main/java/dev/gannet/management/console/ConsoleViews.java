package dev.gannet.management.console;

import dev.gannet.api.DestinationSettings;
import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.management.MessageInfo;
import dev.gannet.broker.Administration;
import dev.gannet.broker.ConnectionSummary;
import dev.gannet.broker.QueueAddress;
import dev.gannet.management.MessageInfos;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the console's pages show and do, in {@link Administration}'s terms: lists of queues, subscriptions and
 * connections filtered, sorted and cut into pages on the server (a broker may hold thousands of queues), a queue's
 * messages a page at a time, and the operations on them. Answers are maps and lists that {@link Json} writes.
 */
final class ConsoleViews {

    /** Most rows of a list page. */
    static final int MAX_PAGE_SIZE = 500;
    /** Most messages of a messages page. */
    static final int MAX_MESSAGE_PAGE_SIZE = 100;

    private final Administration administration;

    ConsoleViews(Administration administration) {
        this.administration = administration;
    }

    /** The broker as a whole: the figures of the header. */
    Map<String, Object> overview() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("broker", administration.config().name());
        answer.put("started", administration.started().toEpochMilli());
        answer.put("queues", administration.queues().size());
        answer.put("topics", administration.topics().size());
        answer.put("subscriptions", administration.subscriptions().size());
        answer.put("connections", administration.connectionCount());
        answer.put("queueMemoryBytes", administration.queueMemoryBytes());
        return answer;
    }

    /**
     * One page of the queues {@code visible} lets through whose name holds {@code filter}, sorted by the column
     * {@code sort}.
     */
    Map<String, Object> queues(ListRequest request, Predicate<GannetDestination> visible) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GannetDestination queue : administration.queues()) {
            if (!request.selects(queue.name()) || !visible.test(queue)) {
                continue;
            }
            QueueAddress address = new QueueAddress.Queue(queue.name());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", queue.name());
            row.put("temporary", queue.kind().isTemporary());
            try {
                statistics(row, administration.statistics(address));
                row.put("paused", administration.isPaused(address));
            } catch (InvalidDestinationException gone) {
                continue; // deleted while listed
            }
            rows.add(row);
        }
        return request.page(rows);
    }

    /**
     * One page of the subscriptions of the topics {@code visible} lets through whose topic or name holds
     * {@code filter}, sorted by the column {@code sort}.
     */
    Map<String, Object> subscriptions(ListRequest request, Predicate<GannetDestination> visible) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueueAddress.Subscription subscription : administration.subscriptions()) {
            String name = subscription.name() == null ? "" : subscription.name();
            if (!request.selects(subscription.topic()) && !request.selects(name)) {
                continue;
            }
            if (!visible.test(GannetDestination.of(subscription.temporaryTopic() ? DestinationKind.TEMPORARY_TOPIC
                    : DestinationKind.TOPIC, subscription.topic()))) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", subscription.number());
            row.put("topic", subscription.topic());
            row.put("name", name);
            row.put("clientId", subscription.clientId());
            row.put("durable", subscription.durable());
            row.put("shared", subscription.shared());
            row.put("selector", subscription.selector());
            try {
                statistics(row, administration.statistics(subscription));
            } catch (InvalidDestinationException gone) {
                continue;
            }
            rows.add(row);
        }
        return request.page(rows);
    }

    private static void statistics(Map<String, Object> row, DestinationStatistics statistics) {
        row.put("depth", statistics.depth());
        row.put("consumers", statistics.consumers());
        row.put("enqueued", statistics.enqueued());
        row.put("delivered", statistics.delivered());
        row.put("acknowledged", statistics.acknowledged());
        row.put("expired", statistics.expired());
        row.put("deadLettered", statistics.deadLettered());
        row.put("bytes", statistics.bytes());
    }

    /** One page of the open connections whose user, client ID or address holds {@code filter}. */
    Map<String, Object> connections(ListRequest request) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConnectionSummary connection : administration.connections()) {
            String user = connection.user() == null ? "" : connection.user();
            String clientId = connection.clientId() == null ? "" : connection.clientId();
            if (!request.selects(user) && !request.selects(clientId) && !request.selects(connection.remoteAddress())) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", connection.id());
            row.put("user", user);
            row.put("clientId", clientId);
            row.put("remoteAddress", connection.remoteAddress());
            row.put("created", connection.created());
            row.put("sessions", connection.sessions());
            row.put("consumers", connection.consumers());
            rows.add(row);
        }
        return request.page(rows);
    }

    /** The names of the dead-letter queues the broker's destination settings name, the default one first. */
    List<String> deadLetterQueues() {
        TreeSet<String> names = new TreeSet<>();
        for (DestinationSettings settings : administration.config().destinations().patterns().values()) {
            if (settings.deadLetterQueue() != null) {
                names.add(settings.deadLetterQueue());
            }
        }
        List<String> all = new ArrayList<>();
        String fallback = DestinationSettings.defaults().deadLetterQueue();
        if (fallback != null) {
            all.add(fallback);
            names.remove(fallback);
        }
        all.addAll(names);
        return all;
    }

    /**
     * Messages {@code offset} to {@code offset + size} of the queue {@code queue}, described (never deserialized), and
     * whether more follow.
     */
    Map<String, Object> messages(String queue, int offset, int size) throws JMSException {
        QueueAddress address = new QueueAddress.Queue(queue);
        int count = Math.max(1, Math.min(size, MAX_MESSAGE_PAGE_SIZE));
        List<byte[]> encoded = administration.browse(address, null, Math.max(0, offset), count + 1);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (byte[] message : encoded.subList(0, Math.min(count, encoded.size()))) {
            rows.add(describe(MessageInfos.describe(message)));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue", queue);
        answer.put("depth", administration.statistics(address).depth());
        answer.put("paused", administration.isPaused(address));
        answer.put("offset", Math.max(0, offset));
        answer.put("size", count);
        answer.put("more", encoded.size() > count);
        answer.put("items", rows);
        return answer;
    }

    private static Map<String, Object> describe(MessageInfo info) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("messageId", info.messageId());
        row.put("bodyType", info.bodyType());
        row.put("destination", info.destination());
        row.put("timestamp", info.timestamp());
        row.put("correlationId", info.correlationId());
        row.put("type", info.type());
        row.put("replyTo", info.replyTo());
        row.put("deliveryMode", info.deliveryMode());
        row.put("priority", info.priority());
        row.put("expiration", info.expiration());
        row.put("deliveryTime", info.deliveryTime());
        row.put("properties", info.properties());
        row.put("size", info.size());
        row.put("bodyPreview", info.bodyPreview());
        return row;
    }

    /** The queue {@code name} as a destination: the broker's own (temporary or not), else a permanent queue's name. */
    GannetDestination queueDestination(String name) {
        return administration.queue(name).orElseGet(() -> GannetDestination.of(DestinationKind.QUEUE, name));
    }

    /** Removes every waiting message of {@code queue}; answers how many. */
    long purge(String queue) throws JMSException {
        return administration.remove(new QueueAddress.Queue(queue), null, Long.MAX_VALUE);
    }

    /** Removes the message {@code messageId} of {@code queue} (every message is a {@link #purge}); answers how many. */
    long remove(String queue, String messageId) throws JMSException {
        return administration.remove(new QueueAddress.Queue(queue), selectorOf(Objects.requireNonNull(messageId,
                "messageId")), Long.MAX_VALUE);
    }

    /** Sends the dead-lettered or expired message {@code messageId} (null: all) back; answers how many. */
    long retry(String queue, String messageId) throws JMSException {
        return administration.retry(new QueueAddress.Queue(queue), selectorOf(messageId), Long.MAX_VALUE);
    }

    /** Moves the message {@code messageId} (null: all) of {@code queue} to {@code target}; answers how many. */
    long move(String queue, String messageId, String target) throws JMSException {
        return administration.move(new QueueAddress.Queue(queue), selectorOf(messageId), Long.MAX_VALUE, target);
    }

    void pause(String queue, boolean paused) throws JMSException {
        if (paused) {
            administration.pause(new QueueAddress.Queue(queue));
        } else {
            administration.resume(new QueueAddress.Queue(queue));
        }
    }

    boolean closeConnection(long id) {
        return administration.closeConnection(id);
    }

    /** The selector of the one message {@code messageId}, quotes doubled; null (every message) for null. */
    static String selectorOf(String messageId) {
        return messageId == null ? null : "JMSMessageID = '" + messageId.replace("'", "''") + "'";
    }

    /**
     * Which rows of a list a page shows: those whose name holds {@code filter} (ignoring case), sorted by the column
     * {@code sort} (ascending unless {@code descending}), from row {@code page * size}.
     */
    record ListRequest(String filter, String sort, boolean descending, int page, int size) {

        ListRequest {
            filter = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
            page = Math.max(0, page);
            size = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        }

        boolean selects(String name) {
            return filter.isEmpty() || (name != null && name.toLowerCase(Locale.ROOT).contains(filter));
        }

        Map<String, Object> page(List<Map<String, Object>> rows) {
            if (sort != null && !rows.isEmpty() && rows.get(0).containsKey(sort)) {
                Comparator<Map<String, Object>> order = Comparator.comparing(row -> row.get(sort),
                        Comparator.nullsFirst(ListRequest::compareValues));
                rows.sort(descending ? order.reversed() : order);
            }
            int from = (int) Math.min((long) page * size, rows.size());
            int to = Math.min(from + size, rows.size());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("total", rows.size());
            answer.put("page", page);
            answer.put("size", size);
            answer.put("items", new ArrayList<>(rows.subList(from, to)));
            return answer;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compareValues(Object a, Object b) {
            if (a instanceof String x && b instanceof String y) {
                int ignoringCase = x.compareToIgnoreCase(y);
                return ignoringCase != 0 ? ignoringCase : x.compareTo(y);
            }
            if (a instanceof Number x && b instanceof Number y) {
                return Long.compare(x.longValue(), y.longValue());
            }
            if (a instanceof Comparable x && a.getClass() == b.getClass()) {
                return x.compareTo(b);
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
    }
}
