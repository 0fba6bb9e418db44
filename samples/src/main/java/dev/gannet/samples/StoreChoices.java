package dev.gannet.samples;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.StoreConfig;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store a broker keeps its messages in is chosen by configuration ({@link StoreConfig}): embedded Derby in a
 * directory (the default), any JDBC database by URL or {@code DataSource} with its dialect (Derby, PostgreSQL), or
 * the heap, which keeps nothing across a restart.
 *
 * <p>Run: {@code mvn -q -B install -DskipTests && mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.StoreChoices}.
 * It sends a persistent message to a broker on each of two stores, restarts the broker, and shows what each kept:
 * the JDBC store (here Derby, by its JDBC URL in a temporary directory) keeps it, the in-memory store does not.
 */
public final class StoreChoices {

    private StoreChoices() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("gannet-store-choices");
        String url = "jdbc:derby:" + directory.resolve("orders-db") + ";create=true";
        sendThenRestart(BrokerConfig.builder().name("on-jdbc").dataDirectory(directory)
                .store(StoreConfig.jdbc(url, null, null, StoreConfig.Dialect.DERBY)).build());
        sendThenRestart(BrokerConfig.builder().name("in-memory").dataDirectory(directory).inMemoryStore().build());
    }

    private static void sendThenRestart(BrokerConfig config) {
        try (EmbeddedBroker broker = EmbeddedBroker.start(config);
             JMSContext context = new GannetConnectionFactory("vm://" + config.name()).createContext()) {
            context.createProducer().send(context.createQueue("orders"), "order 1");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(config);
             JMSContext context = new GannetConnectionFactory("vm://" + config.name()).createContext()) {
            String kept = context.createConsumer(context.createQueue("orders")).receiveBody(String.class, 1000);
            System.out.printf("%-10s store %s: after a restart the queue holds %s%n", config.name(), config.store(),
                    kept == null ? "nothing" : "'" + kept + "'");
        }
    }
}
