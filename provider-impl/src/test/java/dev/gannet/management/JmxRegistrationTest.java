package dev.gannet.management;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.StoreConfig;
import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a broker's MXBeans are in the platform MBean server: from its start to its stop, one set per broker name, and
 * not at all when switched off (in {@link BrokerConfig} or the standalone server's properties).
 */
@Timeout(120)
class JmxRegistrationTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path directory;

    @Test
    void twoBrokersInOneJvmHaveTheirOwnBeansAndEachTakesThemAlongWhenItStops() {
        String first = unique("first");
        String second = unique("second");
        EmbeddedBroker one = EmbeddedBroker.start(config(first).build());
        EmbeddedBroker two = EmbeddedBroker.start(config(second).build());
        try {
            broker(first).createQueue("orders");
            broker(second).createQueue("orders");
            broker(second).createQueue("invoices");

            assertEquals(first, broker(first).getName());
            assertEquals(1, broker(first).getQueueCount());
            assertEquals(2, broker(second).getQueueCount());
            assertEquals(0, JMX.newMXBeanProxy(server, ObjectNames.queue(first, "orders"), QueueMXBean.class)
                    .getDepth());
            assertEquals(Set.of(ObjectNames.broker(first), ObjectNames.queue(first, "orders")), beansOf(first));

            one.close();
            assertEquals(Set.of(), beansOf(first), "the stopped broker's beans are gone");
            assertEquals(Set.of(ObjectNames.broker(second), ObjectNames.queue(second, "orders"),
                    ObjectNames.queue(second, "invoices")), beansOf(second), "the other broker's stay");
        } finally {
            one.close();
            two.close();
        }
        assertEquals(Set.of(), beansOf(second));
    }

    @Test
    void aBrokerStartedAgainRegistersWhatItRecovered() {
        String name = unique("recovered");
        try (EmbeddedBroker broker = EmbeddedBroker.start(config(name).build())) {
            broker(name).createQueue("kept");
        }
        assertEquals(Set.of(), beansOf(name));
        try (EmbeddedBroker broker = EmbeddedBroker.start(config(name).build())) {
            assertTrue(server.isRegistered(ObjectNames.queue(name, "kept")));
        }
    }

    @Test
    void aBrokerWithJmxSwitchedOffRegistersNothing() {
        String name = unique("quiet");
        try (EmbeddedBroker broker = EmbeddedBroker.start(config(name).jmxEnabled(false).build())) {
            assertFalse(broker.config().jmxEnabled());
            assertEquals(Set.of(), beansOf(name));
        }
    }

    @Test
    void theStandaloneServerRegistersItsBeansUnlessItsPropertiesSwitchThemOff() {
        String name = unique("server");
        try (RunningServer running = RunningServer.start(serverConfig(name))) {
            assertEquals(Set.of(ObjectNames.broker(name), ObjectNames.queue(name, "orders")), beansOf(name));
            assertEquals("derby", broker(name).getStoreKind());
        }
        assertEquals(Set.of(), beansOf(name));

        Properties off = properties(name);
        off.setProperty(ServerConfig.JMX_ENABLED, "false");
        try (RunningServer running = RunningServer.start(ServerConfig.fromProperties(off, directory))) {
            assertEquals(Set.of(), beansOf(name));
        }
    }

    @Test
    void theBrokersBeanShowsAJdbcStoresUrlWithoutItsPassword() {
        String name = unique("jdbc");
        String url = "jdbc:derby:memory:" + name + ";create=true;user=gannet;password=topsecret";
        try (EmbeddedBroker broker = EmbeddedBroker.start(config(name)
                .jdbcStore(url, null, null, StoreConfig.Dialect.DERBY).build())) {
            assertEquals("jdbc", broker(name).getStoreKind());
            assertEquals("jdbc:derby:memory:" + name + ";create=true;user=gannet;password=***",
                    broker(name).getStoreLocation());
        }
    }

    private ServerConfig serverConfig(String name) {
        return ServerConfig.fromProperties(properties(name), directory);
    }

    private Properties properties(String name) {
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.BROKER_NAME, name);
        properties.setProperty(ServerConfig.DATA_DIRECTORY, directory.resolve(name).toString());
        properties.setProperty(ServerConfig.TCP_PORT, "0");
        properties.setProperty(ServerConfig.QUEUES, "orders");
        return properties;
    }

    private BrokerConfig.Builder config(String name) {
        return BrokerConfig.builder().name(name).dataDirectory(directory.resolve(name));
    }

    private BrokerMXBean broker(String name) {
        return JMX.newMXBeanProxy(server, ObjectNames.broker(name), BrokerMXBean.class);
    }

    private Set<ObjectName> beansOf(String broker) {
        Set<ObjectName> beans = new HashSet<>(server.queryNames(ObjectNames.allOf(broker), null));
        beans.addAll(server.queryNames(ObjectNames.broker(broker), null));
        return beans;
    }

    private static String unique(String prefix) {
        return "jmx-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
