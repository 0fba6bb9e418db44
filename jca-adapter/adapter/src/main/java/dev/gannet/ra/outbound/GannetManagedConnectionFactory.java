package dev.gannet.ra.outbound;

import dev.gannet.api.GannetProperties;
import dev.gannet.ra.BrokerAccess;
import dev.gannet.ra.BrokerLocation;
import dev.gannet.ra.Credentials;
import dev.gannet.ra.GannetResourceAdapter;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The managed connection factory of the connection definition {@code jakarta.jms.ConnectionFactory} (Connectors 2.1
 * section 6.5.3): makes the pooled {@link GannetManagedConnection}s behind a {@link PooledConnectionFactory}. Its
 * JavaBean properties override the adapter's: {@code brokerUrl}, {@code user}, {@code password}, and
 * {@code clientId} (the client ID of its connections, Messaging 3.1 section 12.2; a broker lets one connection at a
 * time have it, so a pool of such connections should hold one).
 *
 * <p>A connection's identity comes from the container's Subject ({@link PasswordCredential} for this factory), else
 * from the application's {@code createConnection(user, password)}, else from this factory's or the adapter's
 * {@code user}/{@code password}. Connections match a request of the same identity and handle kind. Equal to another
 * factory of the same class and properties (section 19.4.2).
 */
public class GannetManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        ValidatingManagedConnectionFactory, TransactionSupport, Serializable {

    private static final long serialVersionUID = 1L;

    private transient volatile GannetResourceAdapter resourceAdapter;
    private transient volatile PrintWriter logWriter;
    private String brokerUrl;
    private String user;
    private String password;
    private String clientId;

    /**
     * The application's connection factory, on the server's pool.
     *
     * @throws jakarta.resource.spi.IllegalStateException if the factory has no resource adapter yet
     */
    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        requireAdapter();
        return new PooledConnectionFactory(this, manager);
    }

    /**
     * A connection factory outside an application server (section 6.9): each connection is opened for its
     * handle and closed with it, without pooling.
     */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnpooledConnectionManager());
    }

    /**
     * @throws jakarta.resource.spi.SecurityException if the broker refuses the identity
     * @throws jakarta.resource.spi.CommException     if the broker cannot be reached
     */
    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        ConnectionRequest request = info instanceof ConnectionRequest asked ? asked : ConnectionRequest.DEFAULT;
        return new GannetManagedConnection(this, brokerAccess(), identityOf(subject, request),
                requireAdapter().openManagedConnections());
    }

    /**
     * The first candidate made by an equal factory, working, and opened as the request's identity; null for none.
     * A connection of another identity is not matched: re-authenticating it would need it idle, which a server that
     * enlists before {@code getConnection} cannot promise.
     */
    @Override
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        ConnectionRequest request = info instanceof ConnectionRequest asked ? asked : ConnectionRequest.DEFAULT;
        Credentials wanted = identityOf(subject, request);
        for (Object candidate : candidates) {
            if (candidate instanceof GannetManagedConnection connection && equals(connection.factory())
                    && !connection.isBroken() && wanted.equals(connection.identity())) {
                return connection;
            }
        }
        return null;
    }

    /** The connections whose broker connection failed or that were destroyed. */
    @Override
    public Set getInvalidConnections(Set connections) throws ResourceException {
        Set<Object> invalid = new HashSet<>();
        for (Object candidate : connections) {
            if (candidate instanceof GannetManagedConnection connection && connection.isBroken()) {
                invalid.add(connection);
            }
        }
        return invalid;
    }

    /** XA: the adapter's connections take part in global transactions (and local ones when a server asks). */
    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.XATransaction;
    }

    /**
     * The identity a connection is opened as: the container's password credential for this factory, else the one
     * the application named, else this factory's user and password (the adapter's apply when it names none).
     */
    Credentials identityOf(Subject subject, ConnectionRequest request) {
        if (subject != null) {
            for (PasswordCredential credential : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (credential.getManagedConnectionFactory() == null || equals(credential.getManagedConnectionFactory())) {
                    return new Credentials(credential.getUserName(),
                            credential.getPassword() == null ? null : new String(credential.getPassword()));
                }
            }
        }
        if (request.credentials().named()) {
            return request.credentials();
        }
        return blank(user) ? Credentials.NONE : new Credentials(user, password);
    }

    /**
     * The broker this factory's connections reach: the adapter's, with this factory's {@code brokerUrl}, identity
     * and {@code clientId} where set. A {@code brokerUrl} naming the adapter's embedded broker ({@code vm://NAME})
     * reaches it in the adapter's {@code dataDirectory}.
     *
     * @throws jakarta.resource.spi.IllegalStateException if the adapter is missing or not started
     * @throws InvalidPropertyException                    if {@code brokerUrl} is not a valid Gannet URL, or names the
     *                                                     adapter's broker in another data directory
     */
    public BrokerAccess brokerAccess() throws ResourceException {
        GannetResourceAdapter adapter = requireAdapter();
        BrokerAccess access;
        try {
            access = blank(brokerUrl) ? adapter.brokerAccess() : adapter.brokerAccess(brokerUrl);
            if (!blank(clientId)) {
                access = access.withDefaultOption(GannetProperties.CLIENT_ID, clientId.trim());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(this + ": " + BrokerLocation.withoutSecrets(e.getMessage()), e);
        }
        if (!blank(user)) {
            access = access.withCredentials(new Credentials(user, password));
        }
        return access;
    }

    private GannetResourceAdapter requireAdapter() throws jakarta.resource.spi.IllegalStateException {
        GannetResourceAdapter adapter = resourceAdapter;
        if (adapter == null) {
            throw new jakarta.resource.spi.IllegalStateException(this + " has no resource adapter; the server"
                    + " associates one before use");
        }
        return adapter;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    /**
     * @throws jakarta.resource.spi.IllegalStateException if the factory belongs to another adapter already (section
     *                                                     5.3.2: the association is made once)
     * @throws jakarta.resource.NotSupportedException     if {@code adapter} is not Gannet's
     */
    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof GannetResourceAdapter gannet)) {
            throw new jakarta.resource.NotSupportedException(this + " works with the Gannet resource adapter, not "
                    + adapter);
        }
        if (resourceAdapter != null && resourceAdapter != adapter) {
            throw new jakarta.resource.spi.IllegalStateException(this + " is associated with a resource adapter"
                    + " already");
        }
        resourceAdapter = gannet;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** The broker's URL for these connections; null for the adapter's broker. */
    public String getBrokerUrl() {
        return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    /** The user of these connections when the application and the container name none; null for the adapter's. */
    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    /** The password that goes with {@link #getUser}. */
    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** The client ID of these connections, or null for none. */
    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    @Override
    public boolean equals(Object other) {
        if (other == null || other.getClass() != getClass()) {
            return false;
        }
        GannetManagedConnectionFactory that = (GannetManagedConnectionFactory) other;
        return Objects.equals(brokerUrl, that.brokerUrl) && Objects.equals(user, that.user)
                && Objects.equals(password, that.password) && Objects.equals(clientId, that.clientId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), brokerUrl, user, clientId);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (brokerUrl == null ? "adapter's broker"
                : BrokerLocation.withoutSecrets(brokerUrl))
                + (user == null ? "" : ", user " + user) + (clientId == null ? "" : ", clientId " + clientId) + "]";
    }
}
