package dev.gannet.client;

import dev.gannet.transport.Transports;
import dev.gannet.transport.tcp.client.TcpTransportFactory;
import dev.gannet.transport.vm.VmTransportFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import java.io.Serializable;
import java.util.List;

/**
 * Gannet's connection factory. {@code new GannetConnectionFactory()} connects to the in-process broker
 * {@code vm://localhost}, started on first use with its Derby store under {@code gannet-data/localhost}.
 *
 * <p>Broker URLs, every option optional:
 * <ul>
 * <li>{@code vm://NAME?dataDirectory=PATH&stopWithLastConnection=BOOLEAN&prefetch=N&clientID=ID&user=U&password=P}:
 * the broker NAME in this JVM, started on first use with its store in PATH. A broker started so keeps running after
 * its last connection closes, until {@link dev.gannet.api.EmbeddedBroker#stop(String)} or the JVM's exit; with
 * {@code stopWithLastConnection=true} it stops with its last connection.</li>
 * <li>{@code tcp://HOST:PORT?prefetch=N&clientID=ID&user=U&password=P&heartbeatInterval=MS&heartbeatTimeout=MS&connectTimeout=MS&maxFrameSize=BYTES}:
 * a broker server listening on HOST:PORT. Heartbeats go every {@code heartbeatInterval} (default 5000 ms); the
 * connection is declared lost, and the {@link jakarta.jms.ExceptionListener} called, when nothing arrived for
 * {@code heartbeatTimeout} (default 15000 ms). {@code dataDirectory} and {@code stopWithLastConnection} do not
 * apply.</li>
 * <li>{@code ssl://HOST:PORT?...}, or {@code tcp://HOST:PORT?sslEnabled=true&...}: the same over TLS, with the options
 * {@code trustStorePath}, {@code trustStorePassword}, {@code trustStoreType} (default: the JVM's trust store),
 * {@code keyStorePath}, {@code keyStorePassword}, {@code keyStoreType} (the client's certificate, for brokers that
 * authenticate clients), {@code enabledProtocols} (default TLSv1.3,TLSv1.2), {@code enabledCipherSuites} and
 * {@code verifyHost} (default true: the broker's certificate must name HOST). The stores are read when the URL is: a
 * missing or unreadable one fails this constructor. A failed TLS handshake fails {@code createConnection} with a
 * {@link JMSException} saying why (see {@link dev.gannet.transport.tcp.client.TcpTransportFactory}).</li>
 * </ul>
 */
public class GannetConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {

    private static final long serialVersionUID = 1L;
    /** Name of the broker URL in this factory's JNDI {@link Reference}. */
    public static final String REFERENCE_URL = "brokerURL";
    /** The transports a broker URL may name, by scheme. */
    private static final Transports TRANSPORTS = new Transports(List.of(new VmTransportFactory(),
            new TcpTransportFactory(), TcpTransportFactory.ssl()));

    private final String brokerUrl;
    private transient ConnectionOptions options;

    /** A factory for {@code vm://localhost}. */
    public GannetConnectionFactory() {
        this(ConnectionOptions.DEFAULT_URL);
    }

    /**
     * @param brokerUrl e.g. {@code vm://orders?dataDirectory=/var/lib/gannet} or {@code tcp://broker.example:7672}
     * @throws IllegalArgumentException if the URL is malformed, names an unknown scheme or option
     */
    public GannetConnectionFactory(String brokerUrl) {
        if (brokerUrl == null) {
            throw new IllegalArgumentException("Broker URL must not be null");
        }
        this.options = ConnectionOptions.parse(brokerUrl, TRANSPORTS);
        this.brokerUrl = brokerUrl;
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

    ConnectionOptions options() {
        if (options == null) {
            options = ConnectionOptions.parse(brokerUrl, TRANSPORTS);
        }
        return options;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(options().user(), options().password());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return GannetConnection.open(options(), userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) createConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return createContext(options().user(), options().password(), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(options().user(), options().password(), sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        GannetJMSContext.checkSessionMode(sessionMode);
        GannetConnection connection = Errors.unchecked(() -> GannetConnection.open(options(), userName, password));
        return new GannetJMSContext(new GannetJMSContext.SharedConnection(connection), sessionMode);
    }

    @Override
    public Reference getReference() throws NamingException {
        Reference reference = new Reference(GannetConnectionFactory.class.getName(),
                ConnectionFactoryObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(REFERENCE_URL, brokerUrl));
        return reference;
    }

    @Override
    public String toString() {
        return "GannetConnectionFactory[" + brokerUrl + "]";
    }
}
