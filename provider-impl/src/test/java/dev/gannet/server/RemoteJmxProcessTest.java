package dev.gannet.server;

import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.security.UsersFile;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Remote JMX of a server in its own JVM, as an operator meets it: {@code GannetServer} started on a config with
 * {@value ServerConfig#JMX_REMOTE_PORT} and security on, managed from this JVM with the broker's users.
 */
@Timeout(180)
class RemoteJmxProcessTest {

    @TempDir
    Path directory;

    @Test
    void anOperatorManagesAServerInAnotherJvmWithTheBrokersUsers() throws Exception {
        UsersFile.add(directory.resolve("users.properties"), "admin", "admin-secret".toCharArray(), 1_000);
        UsersFile.add(directory.resolve("users.properties"), "app", "app-secret".toCharArray(), 1_000);
        Files.writeString(directory.resolve("roles.properties"), "admins = admin\napps = app\n");
        int jmxPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            jmxPort = free.getLocalPort();
        }
        try (ServerProcess server = ServerProcess.launch(directory.resolve("gannet.properties"), List.of(
                "broker.name=managed", "store=memory", "tcp.port=0", "queues=orders",
                "management.jmx.remote.port=" + jmxPort,
                "security.enabled=true", "security.users.file=users.properties",
                "security.roles.file=roles.properties",
                "security.permission.#.send=apps", "security.permission.#.manage=admins"))) {
            int port = server.awaitListening();
            try (Connection app = new GannetConnectionFactory("tcp://127.0.0.1:" + port)
                    .createConnection("app", "app-secret")) {
                Session session = app.createSession();
                session.createProducer(session.createQueue("orders")).send(session.createTextMessage("order"));
            }
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");

            try (JMXConnector app = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS,
                    new String[]{"app", "app-secret"}))) {
                QueueMXBean refused = JMX.newMXBeanProxy(app.getMBeanServerConnection(),
                        ObjectNames.queue("managed", "orders"), QueueMXBean.class);
                assertThrows(SecurityException.class, refused::purge, "app has no right manage");
            }
            try (JMXConnector admin = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS,
                    new String[]{"admin", "admin-secret"}))) {
                QueueMXBean orders = JMX.newMXBeanProxy(admin.getMBeanServerConnection(),
                        ObjectNames.queue("managed", "orders"), QueueMXBean.class);
                assertEquals(1, orders.getDepth(), "app's refused purge removed nothing");
                assertEquals(1, orders.purge());
                assertEquals(0, orders.getDepth());
            }

            server.terminate();
            assertEquals(0, server.awaitExit(ServerProcess.STARTS), server.stderr());
        }
    }
}
