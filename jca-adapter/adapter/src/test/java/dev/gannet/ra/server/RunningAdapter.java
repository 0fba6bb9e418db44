package dev.gannet.ra.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.ra.GannetResourceAdapter;
import dev.gannet.ra.outbound.GannetManagedConnectionFactory;
import dev.gannet.ra.outbound.PooledConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A started {@link GannetResourceAdapter} as a server holds it: its BootstrapContext, and the connection factories
 * the tests ask for, each on a {@link PoolingConnectionManager}. Closing stops the adapter and the server's parts.
 */
public final class RunningAdapter implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final GannetResourceAdapter adapter;
    private final TestBootstrapContext context = new TestBootstrapContext();
    private final List<PoolingConnectionManager> managers = new ArrayList<>();

    private RunningAdapter(GannetResourceAdapter adapter) throws ResourceException {
        this.adapter = adapter;
        adapter.start(context);
    }

    /** An adapter running its own broker, named uniquely, with its store in {@code directory}. */
    public static RunningAdapter embedded(Path directory) throws ResourceException {
        return embedded("ra-test-" + NAMES.incrementAndGet(), directory);
    }

    /** An adapter running the broker {@code name} with its store in {@code directory}. */
    public static RunningAdapter embedded(String name, Path directory) throws ResourceException {
        GannetResourceAdapter adapter = new GannetResourceAdapter();
        adapter.setBrokerUrl("vm://" + name);
        adapter.setDataDirectory(directory.toString());
        return new RunningAdapter(adapter);
    }

    /** An adapter for the broker at {@code url}. */
    public static RunningAdapter remote(String url) throws ResourceException {
        GannetResourceAdapter adapter = new GannetResourceAdapter();
        adapter.setBrokerUrl(url);
        return new RunningAdapter(adapter);
    }

    public GannetResourceAdapter adapter() {
        return adapter;
    }

    public TestBootstrapContext context() {
        return context;
    }

    /** A managed connection factory of the ConnectionFactory definition, associated with the adapter. */
    public GannetManagedConnectionFactory managedConnectionFactory() throws ResourceException {
        GannetManagedConnectionFactory factory = new GannetManagedConnectionFactory();
        factory.setResourceAdapter(adapter);
        return factory;
    }

    /** The application's connection factory on a new pool, enlisting in Narayana's transactions if asked. */
    public PooledConnectionFactory connectionFactory(PoolingConnectionManager manager) throws ResourceException {
        managers.add(manager);
        return (PooledConnectionFactory) managedConnectionFactory().createConnectionFactory(manager);
    }

    /** A plain Gannet client factory on the adapter's broker, for looking at queues from outside the adapter. */
    public ConnectionFactory clientFactory() throws ResourceException {
        return new GannetConnectionFactory(adapter.brokerAccess().url());
    }

    /** Sends {@code texts} to the queue {@code name}, from outside the adapter. */
    public void send(String destination, boolean topic, String... texts) throws ResourceException {
        try (JMSContext context = clientFactory().createContext()) {
            for (String text : texts) {
                context.createProducer().send(topic ? context.createTopic(destination) : context.createQueue(destination),
                        text);
            }
        }
    }

    /** Takes {@code count} messages from the queue {@code name}, waiting up to {@code limit} for each; fewer if absent. */
    public List<String> take(String name, int count, Duration limit) throws Exception {
        List<String> texts = new ArrayList<>();
        try (JMSContext context = clientFactory().createContext()) {
            var consumer = context.createConsumer(context.createQueue(name));
            Message message;
            while (texts.size() < count && (message = consumer.receive(limit.toMillis())) != null) {
                texts.add(((TextMessage) message).getText());
            }
        }
        return texts;
    }

    /** Takes what the queue {@code name} holds now (waiting up to {@code wait} for each next message). */
    public List<String> drain(String name, Duration wait) throws Exception {
        List<String> texts = new ArrayList<>();
        try (JMSContext context = clientFactory().createContext()) {
            Queue queue = context.createQueue(name);
            var consumer = context.createConsumer(queue);
            Message message;
            while ((message = consumer.receive(wait.toMillis())) != null) {
                texts.add(((TextMessage) message).getText());
            }
        }
        return texts;
    }

    @Override
    public void close() throws Exception {
        for (PoolingConnectionManager manager : managers) {
            manager.close();
        }
        adapter.stop();
        context.close();
    }
}
