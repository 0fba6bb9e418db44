package dev.gannet.cli;

import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.ConnectionMXBean;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;

import javax.management.InstanceNotFoundException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A connection to one broker's MXBeans ({@code dev.gannet.api.management}) through a JMX connector: the server's
 * remote one, logged in with the broker's users. Every management command works through it, so it does exactly what
 * a JMX console could do, and the server checks the same rights.
 */
final class ManagementClient implements AutoCloseable {

    /** The JNDI environment key of the socket factory the RMI registry is looked up with. */
    private static final String RMI_REGISTRY_SOCKET_FACTORY = "com.sun.jndi.rmi.factory.socket";

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final String broker;

    private ManagementClient(JMXConnector connector, MBeanServerConnection server, String broker) {
        this.connector = connector;
        this.server = server;
        this.broker = broker;
    }

    /**
     * Connects to {@code url} (over TLS if {@code tls}), logging in as {@code user} (none: null), and finds the
     * broker {@code broker}, or the only broker there when it is null.
     *
     * @throws CommandFailure {@link ExitStatus#CANNOT_CONNECT}, {@link ExitStatus#SECURITY} (login refused),
     *                        {@link ExitStatus#NOT_FOUND} (no such broker) or {@link ExitStatus#USAGE} (several
     *                        brokers and none chosen)
     */
    static ManagementClient connect(JMXServiceURL url, boolean tls, String user, String password, String broker) {
        Map<String, Object> environment = new HashMap<>();
        if (tls) {
            // the registry over TLS; the connector's own stub brings its TLS socket factory along
            environment.put(RMI_REGISTRY_SOCKET_FACTORY, new SslRMIClientSocketFactory());
        }
        if (user != null) {
            environment.put(JMXConnector.CREDENTIALS, new String[]{user, password == null ? "" : password});
        }
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(url, environment);
        } catch (SecurityException e) {
            throw new CommandFailure(ExitStatus.SECURITY, "Login" + (user == null ? " without a user" : " of user '"
                    + user + "'") + " to " + url + " refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure(ExitStatus.CANNOT_CONNECT, "Cannot connect to " + url + ": " + rootMessage(e), e);
        }
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            return new ManagementClient(connector, server, findBroker(server, broker, user, url));
        } catch (IOException | RuntimeException e) {
            closeQuietly(connector);
            throw Failures.of(e);
        }
    }

    /**
     * The broker to manage: {@code broker} if given, else the only one. Found by the beans the user may reach (a user
     * with the right manage on some queues only sees theirs, not the broker's own bean).
     */
    private static String findBroker(MBeanServerConnection server, String broker, String user, JMXServiceURL url)
            throws IOException {
        Set<String> names = new TreeSet<>();
        for (ObjectName name : server.queryNames(pattern("*"), null)) {
            String value = "Broker".equals(name.getKeyProperty("type")) ? name.getKeyProperty("name")
                    : name.getKeyProperty("broker");
            if (value != null) {
                names.add(value.startsWith("\"") ? ObjectName.unquote(value) : value);
            }
        }
        if (broker != null && !broker.isEmpty()) {
            if (!names.contains(broker)) {
                throw CommandFailure.notFound("No broker '" + broker + "' at " + url + " (or nothing of it this user "
                        + "may manage)");
            }
            return broker;
        }
        if (names.isEmpty() && user != null) {
            // a broker's server always shows its beans to those who may manage anything of it
            throw new CommandFailure(ExitStatus.SECURITY, "User '" + user + "' may manage nothing at " + url
                    + ": that needs the right manage on a destination or on the broker", null);
        }
        if (names.isEmpty()) {
            throw CommandFailure.notFound("No Gannet broker at " + url);
        }
        if (names.size() > 1) {
            throw new CommandFailure(ExitStatus.USAGE, "Several brokers at " + url + ": " + String.join(", ", names)
                    + "; choose one with --broker", null);
        }
        return names.iterator().next();
    }

    /** The broker's name. */
    String brokerName() {
        return broker;
    }

    /** The broker's MXBean. */
    BrokerMXBean broker() {
        return JMX.newMXBeanProxy(server, ObjectNames.broker(broker), BrokerMXBean.class);
    }

    /**
     * The MXBean of the queue {@code name}. Whether it exists shows at the first call: a queue the broker does not
     * have fails it with {@link ExitStatus#NOT_FOUND}, one the user may not manage with a {@link SecurityException}
     * (asking first would not tell them apart: the server answers "not registered" for both).
     */
    QueueMXBean queue(String name) {
        return found(JMX.newMXBeanProxy(server, ObjectNames.queue(broker, name), QueueMXBean.class),
                QueueMXBean.class, "Broker '" + broker + "' has no queue '" + name + "'");
    }

    /**
     * The MXBeans of the connections open now, by ID.
     *
     * @throws SecurityException if the user may not manage the broker as a whole (a query would show it no
     *                           connection, as if there were none)
     */
    List<ConnectionMXBean> connections() {
        broker().getConnectionCount();
        List<ObjectName> names = new ArrayList<>(query("broker=" + ObjectNames.value(broker) + ",type=Connection,*"));
        names.sort((a, b) -> Long.compare(number(a), number(b)));
        List<ConnectionMXBean> connections = new ArrayList<>();
        for (ObjectName name : names) {
            connections.add(JMX.newMXBeanProxy(server, name, ConnectionMXBean.class));
        }
        return connections;
    }

    /**
     * The MXBean of the connection {@code id}; as {@link #queue}, a connection that is not open fails the first call
     * with {@link ExitStatus#NOT_FOUND}.
     */
    ConnectionMXBean connection(long id) {
        return found(JMX.newMXBeanProxy(server, ObjectNames.connection(broker, id), ConnectionMXBean.class),
                ConnectionMXBean.class, "Broker '" + broker + "' has no open connection " + id);
    }

    /** {@code bean}, whose calls fail with {@link ExitStatus#NOT_FOUND} and {@code missing} if it is not there. */
    private static <B> B found(B bean, Class<B> type, String missing) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            try {
                return method.invoke(bean, args);
            } catch (InvocationTargetException e) {
                Throwable thrown = e.getTargetException();
                if (thrown instanceof UndeclaredThrowableException undeclared
                        && undeclared.getUndeclaredThrowable() instanceof InstanceNotFoundException) {
                    throw CommandFailure.notFound(missing);
                }
                throw thrown;
            }
        }));
    }

    /**
     * {@code read} applied to each of {@code beans}, leaving out those that went away meanwhile (a queue deleted, a
     * connection closed between listing and reading).
     */
    static <B, R> List<R> readEach(List<B> beans, Function<B, R> read) {
        List<R> results = new ArrayList<>();
        for (B bean : beans) {
            try {
                results.add(read.apply(bean));
            } catch (UndeclaredThrowableException e) {
                if (!(e.getUndeclaredThrowable() instanceof InstanceNotFoundException)) {
                    throw e;
                }
            } catch (CommandFailure e) {
                if (e.status() != ExitStatus.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return results;
    }

    @Override
    public void close() {
        closeQuietly(connector);
    }

    private Set<ObjectName> query(String properties) {
        try {
            return server.queryNames(pattern(properties), null);
        } catch (IOException e) {
            throw Failures.of(e);
        }
    }

    private static long number(ObjectName name) {
        try {
            return Long.parseLong(name.getKeyProperty("name"));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static ObjectName pattern(String properties) {
        try {
            return new ObjectName(ObjectNames.DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage() == null ? root : root.getMessage());
    }

    private static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException | RuntimeException e) {
            // the connection is gone either way; the command's outcome is what matters
        }
    }
}
