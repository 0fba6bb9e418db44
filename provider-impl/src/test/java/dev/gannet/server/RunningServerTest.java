package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.store.StoredQueue;
import dev.gannet.store.jdbc.DerbyDatabase;
import dev.gannet.store.jdbc.JdbcMessageStore;
import jakarta.jms.Connection;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RunningServer} in this JVM, started from a config file as {@link GannetServer} starts it. */
@Timeout(120)
class RunningServerTest {

    @TempDir
    Path directory;

    private Path configFile(String... lines) throws IOException {
        Path conf = Files.createDirectories(directory.resolve("conf"));
        return Files.write(conf.resolve("gannet.properties"), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void relativeDataDirectoryIsResolvedAgainstTheConfigFileNotTheWorkingDirectory() throws IOException {
        ServerConfig config = ServerConfig.load(configFile("broker.name=rel", "data.directory=../store", "tcp.port=0"));

        try (RunningServer server = RunningServer.start(config)) {
            assertEquals(directory.resolve("store").toAbsolutePath(), server.dataDirectory());
            assertTrue(Files.isDirectory(directory.resolve("store").resolve("derby")), "Derby store created there");
            assertTrue(server.port() > 0, "port 0 became a real port");
            assertEquals("tcp://127.0.0.1:" + server.port(), server.url());
        }
    }

    @Test
    void preCreatedQueuesFromACommaListWithSpacesAreStoredAndBrowseEmpty() throws Exception {
        ServerConfig config = ServerConfig.load(configFile("broker.name=precreated", "data.directory=data",
                "tcp.port=0", "queues =  orders , invoices,audit  ", "topics= news ,prices"));

        try (RunningServer server = RunningServer.start(config)) {
            Connection connection = new GannetConnectionFactory(server.url()).createConnection();
            try {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                for (String name : List.of("orders", "invoices", "audit")) {
                    QueueBrowser browser = session.createBrowser(session.createQueue(name));
                    assertFalse(browser.getEnumeration().hasMoreElements(), name + " exists and is empty");
                }
            } finally {
                connection.close();
            }
        }
        assertEquals(List.of("queue:audit", "queue:invoices", "queue:orders"), storedQueueNames(config),
                "declared queues are in the store, under their trimmed names");
    }

    @Test
    void takenPortFailsTheStartAndLeavesTheStoreClosed() throws IOException {
        ServerConfig first = ServerConfig.load(configFile("broker.name=first", "data.directory=one", "tcp.port=0"));
        try (RunningServer running = RunningServer.start(first)) {
            ServerConfig clash = ServerConfig.fromProperties(properties("broker.name=second", "data.directory="
                    + directory.resolve("two"), "tcp.port=" + running.port()), directory);

            assertThrows(UncheckedIOException.class, () -> RunningServer.start(clash));
            // the failed start closed its broker: the store opens again right away
            try (RunningServer retried = RunningServer.start(new ServerConfig(clash.broker(), "127.0.0.1", 0,
                    clash.tcpOptions(), clash.queues(), clash.topics()))) {
                assertTrue(retried.port() != running.port());
            }
        }
    }

    @Test
    void closeTwiceIsHarmless() throws IOException {
        ServerConfig config = ServerConfig.load(configFile("broker.name=twice", "data.directory=data", "tcp.port=0"));
        RunningServer server = RunningServer.start(config);
        server.close();
        server.close();
    }

    private static java.util.Properties properties(String... pairs) {
        java.util.Properties properties = new java.util.Properties();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return properties;
    }

    private static List<String> storedQueueNames(ServerConfig config) {
        JdbcMessageStore store = new JdbcMessageStore(new DerbyDatabase(config.broker().dataDirectory()
                .resolve("derby")), config.broker().name());
        try {
            return store.recover().queues().stream().map(StoredQueue::name).sorted().toList();
        } finally {
            store.close();
        }
    }
}
