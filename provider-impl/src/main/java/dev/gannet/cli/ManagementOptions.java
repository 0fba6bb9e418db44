package dev.gannet.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.management.remote.JMXServiceURL;
import java.net.MalformedURLException;

/**
 * Where a running server's management connector (remote JMX) is, who logs in to it and which broker to manage: the
 * options of every command that manages a running server.
 */
final class ManagementOptions {

    /** The port of the server's remote JMX connector when neither {@code --url} nor {@code --port} says. */
    static final int DEFAULT_PORT = 1099;

    @Option(names = "--url", defaultValue = "${env:GANNET_JMX_URL}", paramLabel = "JMX_URL",
            description = "The server's JMX service URL, e.g. service:jmx:rmi://HOST:PORT/jndi/rmi://HOST:PORT/jmxrmi "
                    + "(default: $${GANNET_JMX_URL}, else made of --host and --port).")
    private String url;

    @Option(names = "--host", defaultValue = "${env:GANNET_JMX_HOST:-127.0.0.1}", paramLabel = "HOST",
            description = "The server's management host (default: $${GANNET_JMX_HOST}, else ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "${env:GANNET_JMX_PORT:-" + DEFAULT_PORT + "}", paramLabel = "PORT",
            description = "The port of its JMX connector, management.jmx.remote.port (default: $${GANNET_JMX_PORT}, "
                    + "else ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--broker", defaultValue = "${env:GANNET_BROKER}", paramLabel = "NAME",
            description = "The broker to manage, when the server's JVM runs several (default: the only one).")
    private String broker;

    @Option(names = "--tls", defaultValue = "${env:GANNET_JMX_TLS:-false}",
            description = "The connector speaks RMI over TLS (management.jmx.remote.tls=true); the server's certificate "
                    + "must be trusted: --trust-store, or the JVM's (default: $${GANNET_JMX_TLS}, else false).")
    private boolean tls;

    @Option(names = "--trust-store", defaultValue = "${env:GANNET_TRUST_STORE}", paramLabel = "FILE",
            description = "With --tls: the trust store (PKCS12 or JKS) holding the server's certificate or its CA "
                    + "(default: $${GANNET_TRUST_STORE}, else the JVM's javax.net.ssl.trustStore).")
    private String trustStore;

    @Option(names = "--trust-store-password", defaultValue = "${env:GANNET_TRUST_STORE_PASSWORD}",
            paramLabel = "PASSWORD", description = "Its password (default: $${GANNET_TRUST_STORE_PASSWORD}).")
    private String trustStorePassword;

    @Mixin
    private Credentials credentials;

    /** Connects to the management connector and finds the broker. */
    ManagementClient connect() {
        JMXServiceURL serviceUrl = serviceUrl();
        if (tls && trustStore != null && !trustStore.isEmpty()) {
            // this JVM runs one command: its default TLS settings are the command's
            System.setProperty("javax.net.ssl.trustStore", trustStore);
            if (trustStorePassword != null) {
                System.setProperty("javax.net.ssl.trustStorePassword", trustStorePassword);
            }
        }
        return ManagementClient.connect(serviceUrl, tls, credentials.user(),
                credentials.user() == null ? null : credentials.password(), broker);
    }

    private JMXServiceURL serviceUrl() {
        String text = url != null && !url.isEmpty() ? url : "service:jmx:rmi:///jndi/rmi://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/jmxrmi";
        try {
            return new JMXServiceURL(text);
        } catch (MalformedURLException e) {
            throw new CommandFailure(ExitStatus.USAGE, "Not a JMX service URL: '" + text + "' (" + e.getMessage()
                    + "); e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:1099/jmxrmi", e);
        }
    }
}
