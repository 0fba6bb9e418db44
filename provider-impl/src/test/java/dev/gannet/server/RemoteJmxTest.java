package dev.gannet.server;

import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.ConnectionMXBean;
import dev.gannet.api.management.MessageInfo;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.security.UsersFile;
import dev.gannet.transport.tcp.tls.TestPki;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remote JMX of the standalone server ({@value ServerConfig#JMX_REMOTE_PORT}), through a real RMI connector on
 * 127.0.0.1 as {@code jconsole} uses it: figures read and operations run from the client's side; with security on, the
 * broker's users log in and need the right {@code manage}; the port is released when the server closes.
 */
@Timeout(120)
class RemoteJmxTest {

    @TempDir
    Path directory;
    private String name;

    @BeforeEach
    void names() {
        name = "remote-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Properties properties(int jmxPort) {
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.BROKER_NAME, name);
        properties.setProperty(ServerConfig.STORE, "memory");
        properties.setProperty(ServerConfig.TCP_PORT, "0");
        properties.setProperty(ServerConfig.QUEUES, "orders.eu, prices");
        properties.setProperty(ServerConfig.JMX_REMOTE_PORT, Integer.toString(jmxPort));
        return properties;
    }

    private Properties secured(int jmxPort) throws IOException {
        Path users = directory.resolve("users.properties");
        UsersFile.add(users, "admin", "admin-secret".toCharArray(), 1_000);
        UsersFile.add(users, "shop", "shop-secret".toCharArray(), 1_000);
        UsersFile.add(users, "app", "app-secret".toCharArray(), 1_000);
        Files.writeString(directory.resolve("roles.properties"), "admins = admin\nshops = shop\napps = app\n");
        Properties properties = properties(jmxPort);
        properties.setProperty("security.enabled", "true");
        properties.setProperty("security.users.file", "users.properties");
        properties.setProperty("security.roles.file", "roles.properties");
        for (String action : List.of("send", "consume", "browse", "create-destination", "manage")) {
            properties.setProperty("security.permission.#." + action, "admins, apps");
            properties.setProperty("security.permission.orders.#." + action, "admins, apps");
        }
        properties.setProperty("security.permission.#.manage", "admins");
        properties.setProperty("security.permission.orders.#.manage", "admins, shops");
        return properties;
    }

    private RunningServer start(Properties properties) {
        return RunningServer.start(ServerConfig.fromProperties(properties, directory));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static JMXConnector connect(RunningServer server, String user, String password) throws IOException {
        Map<String, Object> environment = new HashMap<>();
        if (user != null) {
            environment.put(JMXConnector.CREDENTIALS, new String[]{user, password});
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(server.remoteJmxUrl().orElseThrow()), environment);
    }

    private QueueMXBean queue(MBeanServerConnection connection, String queue) {
        return JMX.newMXBeanProxy(connection, ObjectNames.queue(name, queue), QueueMXBean.class);
    }

    private BrokerMXBean broker(MBeanServerConnection connection) {
        return JMX.newMXBeanProxy(connection, ObjectNames.broker(name), BrokerMXBean.class);
    }

    private static void send(Connection connection, String queue, int count) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("message " + i));
        }
        session.close();
    }

    @Test
    void withSecurityOffAClientReadsFiguresAndRunsOperationsRemotely() throws Exception {
        int port = freePort();
        try (RunningServer server = start(properties(port))) {
            assertEquals("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi", server.remoteJmxUrl()
                    .orElseThrow());
            Connection client = new GannetConnectionFactory(server.url()).createConnection();
            CountDownLatch closedByBroker = new CountDownLatch(1);
            client.setExceptionListener(e -> closedByBroker.countDown());
            send(client, "orders.eu", 3);
            try (JMXConnector jmx = connect(server, null, null)) {
                MBeanServerConnection remote = jmx.getMBeanServerConnection();
                QueueMXBean orders = queue(remote, "orders.eu");

                assertEquals(3, orders.getDepth());
                assertEquals(2, broker(remote).getQueueCount());
                List<MessageInfo> page = orders.browse(0, 10);
                assertEquals(3, page.size());
                assertTrue(orders.moveMessage(page.get(0).messageId(), "prices"));
                assertEquals(1, queue(remote, "prices").getDepth());
                assertEquals(2, orders.purge());
                assertEquals(0, orders.getDepth());

                Set<ObjectName> connections = remote.queryNames(new ObjectName(ObjectNames.DOMAIN + ":broker=" + name
                        + ",type=Connection,*"), null);
                assertEquals(1, connections.size());
                JMX.newMXBeanProxy(remote, connections.iterator().next(), ConnectionMXBean.class).close();
                assertTrue(closedByBroker.await(30, TimeUnit.SECONDS), "the client hears its connection closed");
                Deadline.awaitTrue("the connection's bean is gone", 30_000,
                        () -> broker(remote).getConnectionCount() == 0);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void withSecurityOnAWrongPasswordAndAMissingUserAreRefused() throws Exception {
        try (RunningServer server = start(secured(freePort()))) {
            SecurityException wrong = assertThrows(SecurityException.class,
                    () -> connect(server, "admin", "not-the-password"));
            assertTrue(wrong.getMessage().contains("Login of user 'admin' refused"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("not-the-password"), wrong.getMessage());
            assertThrows(SecurityException.class, () -> connect(server, "nobody", "x"));
            assertThrows(SecurityException.class, () -> connect(server, null, null),
                    "no credentials, and the broker has no default user");
        }
    }

    @Test
    void aUserWithoutManageIsRefusedAndNothingIsDone() throws Exception {
        try (RunningServer server = start(secured(freePort()));
             Connection client = new GannetConnectionFactory(server.url()).createConnection("app", "app-secret")) {
            send(client, "orders.eu", 2);
            try (JMXConnector app = connect(server, "app", "app-secret");
                 JMXConnector admin = connect(server, "admin", "admin-secret")) {
                QueueMXBean refused = queue(app.getMBeanServerConnection(), "orders.eu");

                SecurityException purge = assertThrows(SecurityException.class, refused::purge);
                assertEquals("User app may not manage queue://orders.eu (" + ObjectNames.queue(name, "orders.eu")
                        + "): that needs the right manage on it", purge.getMessage());
                assertThrows(SecurityException.class, refused::getDepth);
                assertThrows(SecurityException.class, () -> broker(app.getMBeanServerConnection()).getQueueCount());
                assertEquals(Set.of(), app.getMBeanServerConnection().queryNames(null, null).stream()
                        .filter(bean -> !bean.getDomain().equals("JMImplementation")).collect(Collectors.toSet()),
                        "a user without manage sees no bean but the MBean server's own");
                assertEquals(2, queue(admin.getMBeanServerConnection(), "orders.eu").getDepth(),
                        "the refused purge removed nothing");
            }
        }
    }

    @Test
    void manageOnOrdersOnlyReachesTheOrdersQueuesAndNothingBrokerWide() throws Exception {
        try (RunningServer server = start(secured(freePort()));
             Connection client = new GannetConnectionFactory(server.url()).createConnection("app", "app-secret")) {
            send(client, "orders.eu", 2);
            send(client, "prices", 1);
            try (JMXConnector shop = connect(server, "shop", "shop-secret");
                 JMXConnector admin = connect(server, "admin", "admin-secret")) {
                MBeanServerConnection shops = shop.getMBeanServerConnection();

                assertEquals(2, queue(shops, "orders.eu").getDepth());
                assertEquals(2, queue(shops, "orders.eu").browse(0, 10).size());
                assertEquals(Set.of(ObjectNames.queue(name, "orders.eu")),
                        shops.queryNames(new ObjectName(ObjectNames.DOMAIN + ":*"), null), "shop sees its queue only");
                SecurityException prices = assertThrows(SecurityException.class,
                        () -> queue(shops, "prices").purge());
                assertTrue(prices.getMessage().startsWith("User shop may not manage queue://prices"),
                        prices.getMessage());
                SecurityException brokerWide = assertThrows(SecurityException.class,
                        () -> broker(shops).createQueue("orders.us"));
                assertTrue(brokerWide.getMessage().startsWith("User shop may not manage broker " + name
                        + " as a whole"), brokerWide.getMessage());
                assertThrows(SecurityException.class, () -> shops.getAttribute(new ObjectName("java.lang:type=Memory"),
                        "HeapMemoryUsage"), "the JVM's beans are broker-wide");
                assertTrue(shops.isRegistered(ObjectNames.queue(name, "orders.eu")));
                assertFalse(shops.isRegistered(ObjectNames.queue(name, "prices")), "out of reach: not told");
                assertEquals(2, queue(shops, "orders.eu").moveMessages("", "orders.archive"),
                        "moving within orders.# is shop's");

                MBeanServerConnection admins = admin.getMBeanServerConnection();
                assertEquals(1, queue(admins, "prices").getDepth(), "shop's refused purge removed nothing");
                broker(admins).createQueue("orders.us");
                assertEquals(4, broker(admins).getQueueCount());
                assertTrue(admins.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage") != null);
            }
        }
    }

    @Test
    void aMoveNeedsManageOnTheQueueItMovesIntoAndARefusedOneMovesAndCreatesNothing() throws Exception {
        try (RunningServer server = start(secured(freePort()));
             Connection client = new GannetConnectionFactory(server.url()).createConnection("app", "app-secret")) {
            send(client, "orders.eu", 2);
            try (JMXConnector shop = connect(server, "shop", "shop-secret");
                 JMXConnector admin = connect(server, "admin", "admin-secret")) {
                QueueMXBean orders = queue(shop.getMBeanServerConnection(), "orders.eu");
                String first = orders.browse(0, 1).get(0).messageId();

                SecurityException one = assertThrows(SecurityException.class,
                        () -> orders.moveMessage(first, "prices"));
                assertEquals("User shop may not move messages into queue://prices (moveMessage on "
                        + ObjectNames.queue(name, "orders.eu") + "): that needs the right manage on queue://prices",
                        one.getMessage());
                assertThrows(SecurityException.class, () -> orders.moveMessages("", "prices"));
                SecurityException created = assertThrows(SecurityException.class,
                        () -> orders.moveMessages(null, "invoices"));
                assertTrue(created.getMessage().startsWith("User shop may not move messages into queue://invoices"),
                        created.getMessage());

                MBeanServerConnection admins = admin.getMBeanServerConnection();
                assertEquals(2, queue(admins, "orders.eu").getDepth(), "no message left orders.eu");
                assertEquals(0, queue(admins, "prices").getDepth(), "no message entered prices");
                assertFalse(admins.isRegistered(ObjectNames.queue(name, "invoices")), "no queue invoices was created");
                assertEquals(2, broker(admins).getQueueCount());
            }
        }
    }

    @Test
    void aRetryNeedsTheBrokerWideRightForEachMessageNamesWhereItGoesBack() throws Exception {
        Properties properties = secured(freePort());
        properties.setProperty("destination.#.max-delivery-attempts", "2");
        properties.setProperty("security.permission.DLQ.manage", "admins, shops");
        try (RunningServer server = start(properties);
             Connection client = new GannetConnectionFactory(server.url()).createConnection("app", "app-secret");
             JMXConnector shop = connect(server, "shop", "shop-secret");
             JMXConnector admin = connect(server, "admin", "admin-secret")) {
            send(client, "prices", 1);
            client.start();
            Session failing = client.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = failing.createConsumer(failing.createQueue("prices"));
            for (int attempt = 0; attempt < 2; attempt++) {
                assertTrue(consumer.receive(30_000) != null);
                failing.rollback();
            }
            consumer.close();
            MBeanServerConnection admins = admin.getMBeanServerConnection();
            Deadline.awaitTrue("the message is dead-lettered", 30_000,
                    () -> ManagementFactory.getPlatformMBeanServer().isRegistered(ObjectNames.queue(name, "DLQ"))
                            && queue(admins, "DLQ").getDepth() == 1);
            QueueMXBean shopsDlq = queue(shop.getMBeanServerConnection(), "DLQ");
            String dead = shopsDlq.browse(0, 1).get(0).messageId();

            SecurityException all = assertThrows(SecurityException.class, () -> shopsDlq.retryMessages(null));
            assertTrue(all.getMessage().startsWith("User shop may not retry messages (retryMessages on "),
                    all.getMessage());
            assertThrows(SecurityException.class, () -> shopsDlq.retryMessage(dead));
            assertEquals(0, queue(admins, "prices").getDepth(), "the refused retries sent nothing back");
            assertEquals(1, shopsDlq.getDepth());

            assertTrue(queue(admins, "DLQ").retryMessage(dead), "the broker-wide right retries");
            assertEquals(1, queue(admins, "prices").getDepth());
        }
    }

    @Test
    void theBrokerWideRightOnlyReadsTheJvmsOwnBeans() throws Exception {
        try (RunningServer server = start(secured(freePort()));
             JMXConnector admin = connect(server, "admin", "admin-secret")) {
            MBeanServerConnection admins = admin.getMBeanServerConnection();
            ObjectName commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
            Path heap = directory.resolve("heap.hprof");

            SecurityException command = assertThrows(SecurityException.class,
                    () -> admins.invoke(commands, "vmSystemProperties", null, null));
            assertEquals("Remote JMX of broker " + name + " may only read the JVM's own beans: invoke"
                    + " vmSystemProperties on " + commands + " refused", command.getMessage());
            assertThrows(SecurityException.class, () -> admins.invoke(
                    new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                    new Object[]{heap.toString(), true}, new String[]{String.class.getName(), "boolean"}));
            assertFalse(Files.exists(heap), "no heap was dumped");
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            assertThrows(SecurityException.class, () -> admins.setAttribute(memory, new Attribute("Verbose", true)));
            assertFalse(ManagementFactory.getMemoryMXBean().isVerbose());

            assertTrue(admins.getAttribute(memory, "HeapMemoryUsage") != null,
                    "reading them is the broker-wide right's");
            assertTrue(admins.getMBeanInfo(commands).getOperations().length > 0);
            assertEquals(2, broker(admins).getQueueCount(), "Gannet's own beans act as before");
        }
    }

    /**
     * The delegate's notifications name every bean registered, which queryNames keeps from an operator without the
     * broker-wide right. (A listener object of the client's own cannot be tested here: on Java 17 the connector loses
     * the caller's subject before it registers one, so that such listeners are refused to everyone.)
     */
    @Test
    void listeningToTheMBeanServerDelegateNeedsTheBrokerWideRight() throws Exception {
        try (RunningServer server = start(secured(freePort()));
             JMXConnector shop = connect(server, "shop", "shop-secret")) {
            MBeanServerConnection shops = shop.getMBeanServerConnection();

            SecurityException listener = assertThrows(SecurityException.class, () -> shops.addNotificationListener(
                    MBeanServerDelegate.DELEGATE_NAME, ObjectNames.queue(name, "orders.eu"), null, null));
            assertTrue(listener.getMessage().startsWith("User shop may not listen to "
                    + MBeanServerDelegate.DELEGATE_NAME), listener.getMessage());
            assertTrue(shops.getAttribute(MBeanServerDelegate.DELEGATE_NAME, "MBeanServerId") != null,
                    "reading the delegate stays open");
        }
    }

    /** The JVM is left as it was found: the RMI host name the start set goes with the close. */
    @Test
    void closingTheServerRemovesTheRmiHostNameItsStartSet() throws Exception {
        String before = System.clearProperty("java.rmi.server.hostname");
        try {
            try (RunningServer server = start(properties(freePort()))) {
                assertEquals("127.0.0.1", System.getProperty("java.rmi.server.hostname"));
            }
            assertEquals(null, System.getProperty("java.rmi.server.hostname"));

            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
            try (RunningServer server = start(properties(freePort()))) {
                assertEquals("127.0.0.1", System.getProperty("java.rmi.server.hostname"));
            }
            assertEquals("127.0.0.1", System.getProperty("java.rmi.server.hostname"), "one it found set stays");
        } finally {
            if (before == null) {
                System.clearProperty("java.rmi.server.hostname");
            } else {
                System.setProperty("java.rmi.server.hostname", before);
            }
        }
    }

    @Test
    void nobodyCreatesOrUnregistersMBeansRemotely() throws Exception {
        try (RunningServer server = start(properties(freePort()));
             JMXConnector jmx = connect(server, null, null)) {
            MBeanServerConnection remote = jmx.getMBeanServerConnection();
            ObjectName created = new ObjectName("test:type=Timer,name=" + name);

            SecurityException create = assertThrows(SecurityException.class,
                    () -> remote.createMBean("javax.management.timer.Timer", created));
            assertTrue(create.getMessage().contains("does not createMBean"), create.getMessage());
            assertThrows(SecurityException.class, () -> remote.unregisterMBean(ObjectNames.broker(name)));
            assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(created));
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(ObjectNames.broker(name)));
        }
    }

    @Test
    void theConnectorAndItsPortGoWhenTheServerCloses() throws Exception {
        int port = freePort();
        RunningServer server = start(properties(port));
        String url = server.remoteJmxUrl().orElseThrow();
        try (JMXConnector jmx = connect(server, null, null)) {
            assertEquals(2, broker(jmx.getMBeanServerConnection()).getQueueCount());
        }

        server.close();

        assertThrows(IOException.class, () -> JMXConnectorFactory.connect(new JMXServiceURL(url)).close());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort(), "the port is free again");
        }
        try (RunningServer restarted = start(properties(port)); JMXConnector jmx = connect(restarted, null, null)) {
            assertEquals(2, broker(jmx.getMBeanServerConnection()).getQueueCount(), "and can be listened on again");
        }
    }

    /**
     * samples/management/gannet-remote-jmx.properties as its comments say (on free ports, in memory): admin manages
     * everything, auditor the orders queues only.
     */
    @Test
    void theRemoteJmxSampleRunsAsItsCommentsSay() throws Exception {
        Path sample = Path.of("..", "samples", "management", "gannet-remote-jmx.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(sample)) {
            properties.load(reader);
        }
        properties.setProperty(ServerConfig.STORE, "memory");
        properties.remove(ServerConfig.DATA_DIRECTORY);
        properties.setProperty(ServerConfig.TCP_PORT, "0");
        properties.setProperty(ServerConfig.JMX_REMOTE_PORT, Integer.toString(freePort()));
        name = properties.getProperty(ServerConfig.BROKER_NAME);
        try (RunningServer server = RunningServer.start(ServerConfig.fromProperties(properties,
                sample.toAbsolutePath().getParent()));
             JMXConnector auditor = connect(server, "auditor", "auditor-secret");
             JMXConnector admin = connect(server, "admin", "admin-secret")) {
            assertEquals(0, queue(auditor.getMBeanServerConnection(), "orders.eu").getDepth());
            assertThrows(SecurityException.class, () -> queue(auditor.getMBeanServerConnection(), "invoices")
                    .getDepth());
            assertThrows(SecurityException.class, () -> broker(auditor.getMBeanServerConnection()).getQueueCount());
            assertEquals(3, broker(admin.getMBeanServerConnection()).getQueueCount());
            assertEquals(0, queue(admin.getMBeanServerConnection(), "invoices").purge());
        }
    }

    /**
     * {@value ServerConfig#JMX_REMOTE_TLS}: the registry and the connector speak TLS with the TLS listener's key store; a
     * client that trusts the server's certificate gets in, a plain RMI client does not.
     */
    @Test
    void overTlsAClientTrustingTheServersCertificateManagesAndAPlainOneCannotConnect() throws Exception {
        TestPki pki = TestPki.create(directory);
        Properties properties = properties(freePort());
        properties.setProperty(ServerConfig.TLS_PORT, "0");
        properties.setProperty(ServerConfig.TLS_KEY_STORE, pki.file(TestPki.SERVER).toString());
        properties.setProperty(ServerConfig.TLS_KEY_STORE_PASSWORD, TestPki.PASSWORD);
        properties.setProperty(ServerConfig.JMX_REMOTE_TLS, "true");
        SSLContext before = SSLContext.getDefault();
        try (RunningServer server = start(properties)) {
            JMXServiceURL url = new JMXServiceURL(server.remoteJmxUrl().orElseThrow());
            assertThrows(IOException.class, () -> JMXConnectorFactory.connect(url).close(),
                    "a plain RMI client cannot read the TLS registry");

            SSLContext.setDefault(trusting(pki.file(TestPki.TRUST)));
            Map<String, Object> environment = Map.of("com.sun.jndi.rmi.factory.socket",
                    new SslRMIClientSocketFactory());
            try (JMXConnector jmx = JMXConnectorFactory.connect(url, environment)) {
                MBeanServerConnection remote = jmx.getMBeanServerConnection();
                assertEquals(2, broker(remote).getQueueCount());
                assertEquals(0, queue(remote, "prices").purge());
            }
        } finally {
            SSLContext.setDefault(before);
        }
    }

    private static SSLContext trusting(Path trustStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, TestPki.PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void aPortInUseFailsTheStartWithAClearMessageAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                    () -> start(properties(taken.getLocalPort())));

            assertTrue(failure.getMessage().startsWith("Remote JMX of broker " + name + " cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": "), failure.getMessage());
            assertTrue(failure.getMessage().toLowerCase().contains("in use"), failure.getMessage());
            assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(ObjectNames.broker(name)),
                    "the broker that could not start took its beans along");
        }
    }
}
