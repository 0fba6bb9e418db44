package dev.gannet.management;

import dev.gannet.broker.Administration;
import dev.gannet.broker.ManagementAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gannet.transport.tcp.tls.ServerTls;

import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A broker's MBean server reachable from other processes: the JDK's RMI connector (what {@code jconsole}, VisualVM
 * and {@link javax.management.remote.JMXConnectorFactory} speak) on {@code host:port}, its own RMI registry on the
 * same address, with the broker's users and their right {@code manage}: each client logs in ({@link JmxLogin}) and
 * every call is checked ({@link MBeanServerGuard}). Clients connect to {@link #url()},
 * {@code service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi}. With {@link Settings#tls()} the registry and the connector
 * speak RMI over TLS: clients look the registry up with an {@link SslRMIClientSocketFactory} (environment entry
 * {@code com.sun.jndi.rmi.factory.socket}) and trust the server's certificate through their JVM's default TLS context
 * ({@code javax.net.ssl.trustStore}).
 *
 * <p>The RMI stubs a client receives name the host the client must connect to next; the JVM takes it from the system
 * property {@code java.rmi.server.hostname}, which this sets to {@code host} when it is not set (and {@code host} is
 * not a wildcard address): otherwise a connector on {@code 127.0.0.1} would hand out the machine's own name.
 * {@link #close()} removes it again if it still holds what this set, so the JVM is left as it was found.
 */
public final class RemoteJmx implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);
    /** The name the connector's stub has in the registry, as the JDK's own agent names it. */
    public static final String REGISTRY_NAME = "jmxrmi";
    private static final String RMI_HOSTNAME = "java.rmi.server.hostname";

    private final Settings settings;
    private final Registry registry;
    private final RMIConnectorServer connector;
    /** The {@code java.rmi.server.hostname} this set at its start, to be removed at its close; null if it set none. */
    private final String hostnameSet;

    /**
     * Where the connector listens.
     *
     * @param host     the address to listen on
     * @param port     the port of the RMI registry clients look the connector up in, 1-65535
     * @param rmiPort  the port of the connector's own RMI objects, 1-65535; the same as {@code port} to use one port
     * @param tls      the TLS settings of the registry and the connector (RMI over TLS); null for plain RMI
     */
    public record Settings(String host, int port, int rmiPort, ServerTls tls) {

        /** @throws IllegalArgumentException if the host is blank or a port out of range */
        public Settings {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (port < 1 || port > 65535 || rmiPort < 1 || rmiPort > 65535) {
                throw new IllegalArgumentException("ports must be 1-65535: " + port + ", " + rmiPort);
            }
        }

        /** Plain RMI on {@code host:port} and {@code host:rmiPort}. */
        public Settings(String host, int port, int rmiPort) {
            this(host, port, rmiPort, null);
        }

        /** {@code service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi}, what clients connect to. */
        public String url() {
            return "service:jmx:rmi:///jndi/rmi://" + bracketed(host) + ":" + port + "/" + REGISTRY_NAME;
        }
    }

    private RemoteJmx(Settings settings, Registry registry, RMIConnectorServer connector, String hostnameSet) {
        this.settings = settings;
        this.registry = registry;
        this.connector = connector;
        this.hostnameSet = hostnameSet;
    }

    /**
     * Starts the registry and the connector on {@code settings}' address, over {@code server} (the MBean server the
     * broker's MXBeans are in).
     *
     * @param brokerName     the broker's name, for messages
     * @param server         the MBean server remote clients reach
     * @param access         who may log in and manage what
     * @param administration the broker's management operations, to tell a temporary destination from a permanent one
     * @throws UncheckedIOException naming the address if it cannot be bound (the port is taken, the host unknown)
     */
    public static RemoteJmx start(Settings settings, String brokerName, MBeanServer server, ManagementAccess access,
                                  Administration administration) {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.host());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("Remote JMX of broker " + brokerName + " cannot listen on "
                    + settings.host() + ": unknown host", e);
        }
        String hostnameSet = !address.isAnyLocalAddress()
                && System.getProperties().putIfAbsent(RMI_HOSTNAME, settings.host()) == null ? settings.host() : null;
        RMIServerSocketFactory sockets = settings.tls() == null ? new BoundSocketFactory(address)
                : new TlsSocketFactory(address, settings.tls().newJdkContext(), settings.tls());
        // the stubs clients get: they connect over TLS with their JVM's default TLS context (javax.net.ssl.*)
        RMIClientSocketFactory clientSockets = settings.tls() == null ? null : new SslRMIClientSocketFactory();
        Registry registry;
        try {
            registry = LocateRegistry.createRegistry(settings.port(), clientSockets, sockets);
        } catch (IOException e) {
            clearHostname(hostnameSet);
            throw cannotListen(brokerName, settings, settings.port(), e);
        }
        RMIConnectorServer connector = null;
        try {
            Map<String, Object> environment = new HashMap<>();
            environment.put(JMXConnectorServer.AUTHENTICATOR, new JmxLogin(access));
            environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            // only a user name and password are read from a client before it logged in
            environment.put("jmx.remote.rmi.server.credential.types",
                    new String[]{String[].class.getName(), String.class.getName()});
            environment.put("jmx.remote.x.daemon", "true");
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(settings.rmiPort(), clientSockets, sockets,
                    environment);
            connector = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + bracketed(settings.host())
                    + ":" + settings.rmiPort()), environment, rmiServer, server);
            connector.setMBeanServerForwarder(MBeanServerGuard.forwarder(brokerName, administration));
            try {
                connector.start();
            } catch (IOException e) {
                throw cannotListen(brokerName, settings, settings.rmiPort(), e);
            }
            registry.bind(REGISTRY_NAME, rmiServer.toStub());
        } catch (RuntimeException e) {
            stop(connector);
            unexport(registry);
            clearHostname(hostnameSet);
            throw e;
        } catch (IOException | AlreadyBoundException e) { // a registry of its own: nothing else binds in it
            stop(connector);
            unexport(registry);
            clearHostname(hostnameSet);
            throw new UncheckedIOException("Remote JMX of broker " + brokerName + " could not start: " + e,
                    new IOException(e));
        }
        RemoteJmx remote = new RemoteJmx(settings, registry, connector, hostnameSet);
        LOG.info("Broker {}: remote JMX on {}{} ({})", brokerName, settings.url(),
                settings.tls() == null ? "" : " over TLS", access.logsIn() ? "operators log in with the broker's users and need the right manage"
                        : "security is off: no login");
        return remote;
    }

    private static UncheckedIOException cannotListen(String brokerName, Settings settings, int port, IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return new UncheckedIOException("Remote JMX of broker " + brokerName + " cannot listen on "
                + bracketed(settings.host()) + ":" + port + ": " + cause.getMessage(), e);
    }

    /** The URL clients connect to, {@code service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi}. */
    public String url() {
        return settings.url();
    }

    /**
     * Stops the connector (its clients are disconnected), closes the registry's port and removes the
     * {@code java.rmi.server.hostname} its start set.
     */
    @Override
    public void close() {
        stop(connector);
        unexport(registry);
        clearHostname(hostnameSet);
    }

    /** Removes {@code java.rmi.server.hostname} if it is still {@code value}, which a start set (null: none). */
    private static void clearHostname(String value) {
        if (value != null) {
            System.getProperties().remove(RMI_HOSTNAME, value);
        }
    }

    private static void stop(JMXConnectorServer connector) {
        if (connector == null) {
            return;
        }
        try {
            connector.stop();
        } catch (IOException e) {
            LOG.warn("Stopping the remote JMX connector failed", e);
        }
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // unexported already
        }
    }

    private static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Server sockets on one address (RMI's own listen on every address); equal for the same address. */
    private record BoundSocketFactory(InetAddress address) implements RMIServerSocketFactory {

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 0, address);
        }
    }

    /**
     * TLS server sockets on one address with the settings of the server's TLS listener; equal for the same context,
     * so the registry and the connector share a port.
     */
    private record TlsSocketFactory(InetAddress address, SSLContext context, ServerTls tls)
            implements RMIServerSocketFactory {

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 0,
                    address);
            tls.configure(socket);
            return socket;
        }
    }
}
