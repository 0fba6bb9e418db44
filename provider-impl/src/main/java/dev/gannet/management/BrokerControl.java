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

/** {@link BrokerMXBean} over the broker's {@link Administration}. */
final class BrokerControl implements BrokerMXBean {

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
            return jdbc.url();
        }
        if (store instanceof StoreConfig.JdbcDataSource source) {
            return "DataSource " + source.dataSource().getClass().getName();
        }
        return store instanceof StoreConfig.InMemory ? "heap" : config.dataDirectory().toAbsolutePath().toString();
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
