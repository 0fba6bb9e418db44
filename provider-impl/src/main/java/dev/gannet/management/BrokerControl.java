package dev.gannet.management;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.StoreConfig;
import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.DestinationInfo;
import dev.gannet.broker.Administration;
import dev.gannet.message.GannetDestination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/** {@link BrokerMXBean} over the broker's {@link Administration}. */
final class BrokerControl implements BrokerMXBean {

    /** An option whose name ends in "password", and its value (group 1: up to the '='). */
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)([?&;:][^=&;:/?]*password=)[^&;]*");
    /** The password of {@code //user:password@} (group 1: up to the ':'). */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?;]*:)[^/@?;]*@");
    /** The password of Oracle's {@code :thin:user/password@} (group 1: up to the '/'). */
    private static final Pattern ORACLE_PASSWORD = Pattern.compile("(?i)(:thin:[^/@:]*/)[^@]*@");

    private final Administration administration;
    private final String version;

    BrokerControl(Administration administration, String version) {
        this.administration = administration;
        this.version = version;
    }

    @Override
    public String getName() {
        return administration.config().name();
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public Date getStartTime() {
        return Date.from(administration.started());
    }

    @Override
    public long getUptimeMillis() {
        return Duration.between(administration.started(), Instant.now()).toMillis();
    }

    @Override
    public String getStoreKind() {
        StoreConfig store = administration.config().store();
        if (store instanceof StoreConfig.Jdbc || store instanceof StoreConfig.JdbcDataSource) {
            return "jdbc";
        }
        return store instanceof StoreConfig.InMemory ? "memory" : "derby";
    }

    @Override
    public String getStoreLocation() {
        BrokerConfig config = administration.config();
        StoreConfig store = config.store();
        if (store instanceof StoreConfig.Jdbc jdbc) {
            return withoutCredentials(jdbc.url());
        }
        if (store instanceof StoreConfig.JdbcDataSource source) {
            return "DataSource " + source.dataSource().getClass().getName();
        }
        return store instanceof StoreConfig.InMemory ? "heap" : config.dataDirectory().toAbsolutePath().toString();
    }

    /**
     * A JDBC URL with the credentials it may hold masked as {@code ***}: the value of every option whose name ends in
     * {@code password} (after {@code ?}, {@code &}, {@code ;} or {@code :}, as PostgreSQL, MySQL, SQL Server and Derby
     * write them) and the password of a {@code //user:password@host} or Oracle {@code user/password@host} part.
     */
    static String withoutCredentials(String url) {
        String masked = SECRET_OPTION.matcher(url).replaceAll("$1***");
        masked = USER_INFO_PASSWORD.matcher(masked).replaceAll("$1***@");
        return ORACLE_PASSWORD.matcher(masked).replaceAll("$1***@");
    }

    @Override
    public int getConnectionCount() {
        return administration.connectionCount();
    }

    @Override
    public int getQueueCount() {
        return administration.queues().size();
    }

    @Override
    public int getTopicCount() {
        return administration.topics().size();
    }

    @Override
    public int getSubscriptionCount() {
        return administration.subscriptions().size();
    }

    @Override
    public long getQueueMemoryBytes() {
        return administration.queueMemoryBytes();
    }

    @Override
    public long getMemoryBudgetBytes() {
        return administration.memoryBudgetBytes();
    }

    @Override
    public List<DestinationInfo> listDestinations() {
        List<DestinationInfo> listed = new ArrayList<>();
        List<GannetDestination> queues = new ArrayList<>(administration.queues());
        queues.sort(Comparator.comparing(GannetDestination::name));
        for (GannetDestination queue : queues) {
            DestinationStatistics figures = figuresOf(queue);
            if (figures != null) {
                listed.add(new DestinationInfo("queue", queue.name(), queue.kind().isTemporary(), figures.depth(),
                        figures.consumers(), 0));
            }
        }
        List<GannetDestination> topics = new ArrayList<>(administration.topics());
        topics.sort(Comparator.comparing(GannetDestination::name));
        for (GannetDestination topic : topics) {
            DestinationStatistics figures = figuresOf(topic);
            if (figures != null) {
                listed.add(new DestinationInfo("topic", topic.name(), topic.kind().isTemporary(), figures.depth(),
                        figures.consumers(), administration.subscriptionsOf(topic).size()));
            }
        }
        return listed;
    }

    /** The destination's counters, or null if it went away since it was listed. */
    private DestinationStatistics figuresOf(GannetDestination destination) {
        try {
            return administration.statistics(destination);
        } catch (InvalidDestinationException e) {
            return null;
        }
    }

    @Override
    public void createQueue(String name) {
        try {
            administration.createQueue(name);
        } catch (JMSException e) {
            throw OperationFailures.of("createQueue(" + name + ")", e);
        }
    }

    @Override
    public boolean deleteQueue(String name) {
        try {
            return administration.deleteQueue(name);
        } catch (JMSException e) {
            throw OperationFailures.of("deleteQueue(" + name + ")", e);
        }
    }
}
