package dev.gannet.store.factory;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.StoreConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.store.jdbc.JdbcMessageStore;
import dev.gannet.store.jdbc.PostgresServer;
import dev.gannet.store.jdbc.StoreCheck;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker keeps its persistent messages in the store its configuration names: a persistent message sent before a
 * restart is there after it, on a JDBC store given by URL (Derby and a real PostgreSQL server) or by DataSource,
 * and a consistency check of the store afterwards finds it sound; an in-memory store keeps nothing across a restart.
 */
class StoreFactoryTest {

    @TempDir
    Path directory;

    @Test
    void aJdbcStoreByUrlKeepsPersistentMessagesAcrossARestart() throws Exception {
        String url = "jdbc:derby:" + directory.resolve("by-url") + ";create=true";
        assertSurvivesRestart("by-url", name -> config(name, StoreConfig.jdbc(url, null, null,
                StoreConfig.Dialect.DERBY)));
    }

    @Test
    void aJdbcStoreByDataSourceKeepsPersistentMessagesAcrossARestart() throws Exception {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(directory.resolve("by-source").toString());
        dataSource.setCreateDatabase("create");
        assertSurvivesRestart("by-source", name -> config(name, StoreConfig.jdbc(dataSource,
                StoreConfig.Dialect.DERBY)));
    }

    @Test
    void aPostgresqlStoreKeepsPersistentMessagesAcrossARestartAndChecksSound() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase();
            BrokerConfig config = config("postgres", StoreConfig.jdbc(url, "postgres", null,
                    StoreConfig.Dialect.POSTGRESQL));
            assertSurvivesRestart("postgres", name -> config);

            StoreCheck.Report report = StoreCheck.check(JdbcMessageStore.Database.of(config));
            assertTrue(report.consistent(), report.describe(10));
            assertEquals(4, report.schemaVersion());
        }
    }

    @Test
    void anInMemoryStoreKeepsNothingAcrossARestart() throws Exception {
        BrokerConfig config = config("memory", StoreConfig.inMemory());
        try (EmbeddedBroker running = EmbeddedBroker.start(config)) {
            send(config, "lost");
        }
        try (EmbeddedBroker running = EmbeddedBroker.start(config)) {
            assertNull(receive(config));
        }
    }

    @Test
    void aPlainVmUrlJoinsARunningBrokerThatIsNotOnEmbeddedDerby() throws Exception {
        BrokerConfig config = config("joined-memory", StoreConfig.inMemory()); // its data directory is not the default
        try (EmbeddedBroker running = EmbeddedBroker.start(config);
             JMSContext context = new GannetConnectionFactory("vm://joined-memory").createContext()) {
            context.createProducer().send(context.createQueue("kept"), "through a plain URL");
            assertEquals("through a plain URL", receive(config));
        }
    }

    @Test
    void aVmUrlStartsItsBrokerOnTheInMemoryStoreWhenAsked() throws Exception {
        GannetConnectionFactory factory = new GannetConnectionFactory("vm://configured-memory?store=memory"
                + "&stopWithLastConnection=true&dataDirectory=" + directory.resolve("unused"));
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue("q"), "kept while running");
            assertEquals("kept while running", context.createConsumer(context.createQueue("q"))
                    .receiveBody(String.class, 10_000));
        }
        assertTrue(!directory.resolve("unused").toFile().exists(), "an in-memory broker writes no files");
    }

    @Test
    void aVmUrlNamesOnlyTheStoresItsBrokerCanStartOnAndATcpUrlNone() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new GannetConnectionFactory("vm://x?store=disk"));
        assertEquals("Broker URL 'vm://x?store=disk': store must be memory or derby, not 'disk'", unknown.getMessage());
        IllegalArgumentException tcp = assertThrows(IllegalArgumentException.class,
                () -> new GannetConnectionFactory("tcp://127.0.0.1:61616?store=memory"));
        assertTrue(tcp.getMessage().contains("option store applies to vm:// URLs only"), tcp.getMessage());
    }

    private BrokerConfig config(String name, StoreConfig store) {
        return BrokerConfig.builder().name(name).dataDirectory(directory.resolve(name)).store(store).build();
    }

    private void assertSurvivesRestart(String name, Function<String, BrokerConfig> config) throws Exception {
        BrokerConfig broker = config.apply(name);
        try (EmbeddedBroker running = EmbeddedBroker.start(broker)) {
            send(broker, "kept");
        }
        try (EmbeddedBroker running = EmbeddedBroker.start(broker)) {
            assertEquals("kept", receive(broker));
            assertNull(receive(broker), "received once");
        }
    }

    private static void send(BrokerConfig broker, String text) throws Exception {
        try (Connection connection = factory(broker).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("kept");
            session.createProducer(queue).send(session.createTextMessage(text));
        }
    }

    /** The text of the next message on queue {@code kept}, or null if none comes within a second. */
    private static String receive(BrokerConfig broker) throws Exception {
        try (Connection connection = factory(broker).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var message = session.createConsumer(session.createQueue("kept")).receive(1000);
            return message == null ? null : message.getBody(String.class);
        }
    }

    private static GannetConnectionFactory factory(BrokerConfig broker) {
        return new GannetConnectionFactory("vm://" + broker.name() + "?dataDirectory=" + broker.dataDirectory());
    }
}
