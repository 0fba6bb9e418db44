package dev.gannet.server;

import dev.gannet.management.RemoteJmx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code management.jmx.remote.*} keys: off by default, 127.0.0.1 and one port unless told otherwise. */
class ServerConfigRemoteJmxTest {

    @TempDir
    Path directory;

    private ServerConfig parse(String... pairs) {
        Properties properties = new Properties();
        properties.setProperty("broker.name", "jmx");
        properties.setProperty("store", "memory");
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return ServerConfig.fromProperties(properties, directory);
    }

    private String problem(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void remoteJmxIsOffWithoutAPort() {
        assertNull(parse().remoteJmx());
    }

    @Test
    void aPortAloneListensOn127001WithTheRmiObjectsOnTheSamePort() {
        RemoteJmx.Settings settings = parse("management.jmx.remote.port=9010").remoteJmx();

        assertEquals(new RemoteJmx.Settings("127.0.0.1", 9010, 9010), settings);
        assertEquals("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi", settings.url());
    }

    @Test
    void hostAndRmiPortAreTakenAsGiven() {
        assertEquals(new RemoteJmx.Settings("0.0.0.0", 9010, 9011), parse("management.jmx.remote.port=9010",
                "management.jmx.remote.host=0.0.0.0", "management.jmx.remote.rmi.port=9011").remoteJmx());
        assertEquals("service:jmx:rmi:///jndi/rmi://[::1]:9010/jmxrmi",
                new RemoteJmx.Settings("::1", 9010, 9010).url());
    }

    @Test
    void eachBadKeyIsNamedWithItsProblem() {
        assertEquals(String.join(System.lineSeparator(),
                        "management.jmx.remote.port: '0' is not a port number (1-65535)",
                        "management.jmx.remote.rmi.port: 'x' is not a port number (1-65535)"),
                problem("management.jmx.remote.port=0", "management.jmx.remote.rmi.port=x"));
        assertEquals("management.jmx.remote.host: must not be empty",
                problem("management.jmx.remote.port=9010", "management.jmx.remote.host="));
        assertEquals(String.join(System.lineSeparator(),
                        "management.jmx.remote.host: needs management.jmx.remote.port (remote JMX is off without it)",
                        "management.jmx.remote.rmi.port: needs management.jmx.remote.port (remote JMX is off without"
                                + " it)",
                        "management.jmx.remote.tls: needs management.jmx.remote.port (remote JMX is off without it)"),
                problem("management.jmx.remote.host=127.0.0.1", "management.jmx.remote.rmi.port=9011",
                        "management.jmx.remote.tls=true"));
        assertEquals("management.jmx.remote.port: remote JMX needs the broker's MXBeans, but management.jmx.enabled"
                + " is false", problem("management.jmx.remote.port=9010", "management.jmx.enabled=false"));
        assertEquals("management.jmx.remote.tls: needs the TLS listener's keys (tls.key.store, ...): remote JMX over"
                + " TLS uses its settings", problem("management.jmx.remote.port=9010", "management.jmx.remote.tls=true"));
        assertEquals("management.jmx.remote.tls: 'yes' is not true or false",
                problem("management.jmx.remote.port=9010", "management.jmx.remote.tls=yes"));
    }

    @Test
    void aConfigBuiltInCodeRefusesRemoteJmxWithoutTheMXBeans() {
        ServerConfig off = parse("management.jmx.enabled=false");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> off.withRemoteJmx(new RemoteJmx.Settings("127.0.0.1", 9010, 9010)));

        assertEquals("remote JMX needs the broker's MXBeans, but the broker has JMX off", refused.getMessage());
    }
}
