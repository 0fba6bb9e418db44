package dev.gannet.ra;

import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.ra.inbound.EndpointActivation;
import dev.gannet.ra.inbound.GannetActivationSpec;
import dev.gannet.ra.outbound.OpenManagedConnections;
import dev.gannet.ra.outbound.PooledConnectionFactory;
import dev.gannet.xa.ReconnectingXAResource;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.transaction.xa.XAResource;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gannet's resource adapter (Connectors 2.1 chapter 5): the broker that the adapter's connection factories and
 * message endpoints use, configured by the JavaBean properties
 * <ul>
 * <li>{@code brokerUrl}: {@code tcp://HOST:PORT} for a remote broker, {@code ssl://HOST:PORT} for one over TLS
 * (with Gannet's URL options, e.g. {@code heartbeatInterval} or the TLS ones such as {@code trustStorePath}), or {@code vm://NAME} for a broker the adapter runs in the server's JVM (option
 * {@code store=memory} keeps it in the heap); default {@value #DEFAULT_BROKER_URL};</li>
 * <li>{@code dataDirectory}: where the embedded broker keeps its Derby store (default {@code gannet-data/NAME} under
 * the server's working directory);</li>
 * <li>{@code user}, {@code password}: the identity of the adapter's connections when a connection factory or
 * endpoint names none.</li>
 * </ul>
 * {@link #start} starts the embedded broker, if any; {@link #stop} ends every endpoint activation (waiting for their
 * deliveries), closes its pooled connections quietly and then stops the embedded broker it started. {@link #getXAResources} gives the server's transaction
 * recovery a resource per broker the endpoints use. Equal to another adapter of the same configuration (section
 * 20.3.2).
 */
public class GannetResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GannetResourceAdapter.class);
    /** The broker an adapter configured with nothing runs: its own, embedded, named gannet. */
    public static final String DEFAULT_BROKER_URL = "vm://gannet";

    private String brokerUrl = DEFAULT_BROKER_URL;
    private String dataDirectory;
    private String user;
    private String password;

    private transient volatile Running running; // null while stopped

    /** What a started adapter holds: its broker, the server's services, its activations and recovery resources. */
    private record Running(BootstrapContext context, BrokerLocation location, BrokerAccess access,
                           EmbeddedBroker embedded, Timer timer, Map<ActivationKey, EndpointActivation> activations,
                           List<ReconnectingXAResource> recovery, OpenManagedConnections outbound) {
    }

    /** An activation is known by its endpoint factory and spec, both equal by identity (section 19.4.1). */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
    }

    /**
     * Reads the configuration and starts the embedded broker, if the adapter runs one.
     *
     * @throws ResourceAdapterInternalException if the configuration is wrong (the message says what) or the embedded
     *                                          broker cannot start
     */
    @Override
    public synchronized void start(BootstrapContext context) throws ResourceAdapterInternalException {
        if (running != null) {
            throw new ResourceAdapterInternalException("Gannet resource adapter " + this + " is started already");
        }
        BrokerLocation location;
        BrokerAccess access;
        try {
            location = BrokerLocation.of(brokerUrl, dataDirectory);
            access = new BrokerAccess(location.clientUrl(), new Credentials(blankToNull(user), password));
        } catch (IllegalArgumentException e) {
            // the client's messages quote the URL, password option and all
            throw new ResourceAdapterInternalException("Gannet resource adapter: "
                    + BrokerLocation.withoutSecrets(e.getMessage()), e);
        }
        Timer timer;
        try {
            timer = context.createTimer();
        } catch (ResourceException e) {
            throw new ResourceAdapterInternalException("Gannet resource adapter: the server gives no timer", e);
        }
        EmbeddedBroker embedded = null;
        if (location.isEmbedded()) {
            try {
                embedded = EmbeddedBroker.start(location.embedded());
            } catch (RuntimeException e) {
                timer.cancel();
                throw new ResourceAdapterInternalException("Gannet resource adapter: the embedded broker "
                        + location.embedded().name() + " cannot start: " + e.getMessage(), e);
            }
            LOG.info("Gannet resource adapter started its broker {} (store in {})", location.embedded().name(),
                    location.embedded().dataDirectory());
        } else {
            LOG.info("Gannet resource adapter started for the broker at {}", access);
        }
        running = new Running(context, location, access, embedded, timer, new ConcurrentHashMap<>(),
                new ArrayList<>(), new OpenManagedConnections());
    }

    /**
     * Ends every endpoint activation, waiting for the deliveries under way, closes the recovery connections and,
     * quietly, the pooled outbound connections the server has not destroyed yet (no CONNECTION_ERROR_OCCURRED: the
     * server destroys them when it flushes its pool), then stops the embedded broker if the adapter runs one, unless
     * another adapter instance of this JVM shares it (a server may run the adapter twice: WildFly does for an
     * application's {@code @JMSConnectionFactoryDefinition}); the last one stops it, and vm connections to it that
     * others left open fail.
     */
    @Override
    public void stop() {
        Running stopping;
        synchronized (this) {
            stopping = running;
            running = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.activations().values().forEach(EndpointActivation::stop);
        stopping.activations().clear();
        synchronized (stopping.recovery()) {
            stopping.recovery().forEach(ReconnectingXAResource::close);
        }
        stopping.outbound().closeAll();
        stopping.timer().cancel();
        if (stopping.embedded() != null) {
            String name = stopping.embedded().config().name();
            if (stopping.embedded().stopUnlessShared()) {
                LOG.info("Gannet resource adapter stopped its broker {}", name);
            } else {
                LOG.info("Gannet resource adapter stopped; its broker {} runs on for another adapter instance"
                        + " of this server", name);
            }
        } else {
            LOG.info("Gannet resource adapter stopped");
        }
    }

    /**
     * Starts delivering to the endpoint as {@code spec} says.
     *
     * @throws NotSupportedException                    if {@code spec} is not a {@link GannetActivationSpec}
     * @throws jakarta.resource.spi.InvalidPropertyException if {@code spec} is invalid (the message says why)
     * @throws ResourceException                        if the adapter is stopped, the destination or connection factory
     *                                                  lookup fails, or the broker refuses the destination, selector or
     *                                                  credentials
     */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof GannetActivationSpec gannetSpec)) {
            throw new NotSupportedException("Gannet resource adapter activates GannetActivationSpec, not "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        Running current = requireRunning();
        gannetSpec.validate();
        EndpointActivation activation = new EndpointActivation(gannetSpec, factory, accessFor(gannetSpec, current),
                current.context().getWorkManager(), current.timer());
        ActivationKey key = new ActivationKey(factory, spec);
        if (current.activations().putIfAbsent(key, activation) != null) {
            throw new ResourceException("Endpoint " + factory + " is active already with " + spec);
        }
        try {
            activation.start();
        } catch (ResourceException | RuntimeException e) {
            current.activations().remove(key);
            throw e;
        }
    }

    /** Stops delivering to the endpoint: waits for its deliveries under way, then releases its sessions. */
    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        Running current = running;
        EndpointActivation activation = current == null ? null
                : current.activations().remove(new ActivationKey(factory, spec));
        if (activation != null) {
            activation.stop();
        } else {
            LOG.warn("Endpoint {} with {} was not active", factory, spec);
        }
    }

    /**
     * One XAResource per broker the endpoints of {@code specs} receive from (section 13.5.2, "Message Redelivery
     * Upon Crash Recovery"); each connects when the transaction manager first calls it.
     *
     * @throws ResourceException if the adapter is stopped
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        Running current = requireRunning();
        Map<String, BrokerAccess> brokers = new LinkedHashMap<>();
        brokers.put(current.access().url(), current.access());
        if (specs != null) {
            for (ActivationSpec spec : specs) {
                if (spec instanceof GannetActivationSpec gannetSpec) {
                    BrokerAccess access = recoveryAccessFor(gannetSpec, current);
                    brokers.putIfAbsent(access.url(), access);
                }
            }
        }
        List<XAResource> resources = new ArrayList<>();
        synchronized (current.recovery()) {
            for (BrokerAccess access : brokers.values()) {
                Credentials identity = access.credentials();
                ReconnectingXAResource resource = new ReconnectingXAResource(access.factory(), identity.user(),
                        identity.password(), access.toString());
                current.recovery().add(resource);
                resources.add(resource);
            }
        }
        return resources.toArray(new XAResource[0]);
    }

    private BrokerAccess recoveryAccessFor(GannetActivationSpec spec, Running current) {
        try {
            return accessFor(spec, current);
        } catch (ResourceException e) {
            LOG.warn("Recovery for {} uses the adapter's broker: {}", spec, e.getMessage());
            return current.access();
        }
    }

    /** The broker and identity an endpoint receives with: its connectionFactoryLookup's, else the adapter's. */
    private BrokerAccess accessFor(GannetActivationSpec spec, Running current) throws ResourceException {
        String lookup = spec.getConnectionFactoryLookup();
        if (lookup == null || lookup.isBlank()) {
            return current.access();
        }
        Object found;
        try {
            found = InitialContext.doLookup(lookup.trim());
        } catch (NamingException e) {
            throw new ResourceException("connectionFactoryLookup '" + lookup + "' failed: " + e.getMessage(), e);
        }
        if (found instanceof PooledConnectionFactory pooled) {
            return pooled.brokerAccess();
        }
        if (found instanceof GannetConnectionFactory gannet) {
            try {
                return accessAt(gannet.getBrokerUrl(), current);
            } catch (IllegalArgumentException e) {
                throw new ResourceException("connectionFactoryLookup '" + lookup + "': "
                        + BrokerLocation.withoutSecrets(e.getMessage()), e);
            }
        }
        throw new ResourceException("connectionFactoryLookup '" + lookup + "' found "
                + (found == null ? "null" : found.getClass().getName())
                + ", not a connection factory of the Gannet resource adapter or a Gannet connection factory");
    }

    /**
     * The broker and default identity of the adapter's connections, for its connection factories.
     *
     * @throws jakarta.resource.spi.IllegalStateException if the adapter is not started
     */
    public BrokerAccess brokerAccess() throws jakarta.resource.spi.IllegalStateException {
        return requireRunning().access();
    }

    /**
     * The broker at {@code url} with the adapter's default identity, for a connection definition that names a broker of
     * its own: a {@code vm://NAME} URL naming the adapter's embedded broker reaches that broker in its data directory
     * ({@link BrokerLocation#clientUrlFor}).
     *
     * @throws jakarta.resource.spi.IllegalStateException if the adapter is not started
     * @throws IllegalArgumentException                    if {@code url} is not a valid Gannet URL, or names the
     *                                                     adapter's broker in another data directory
     */
    public BrokerAccess brokerAccess(String url) throws jakarta.resource.spi.IllegalStateException {
        return accessAt(url, requireRunning());
    }

    /**
     * The managed connections the adapter's connection factories open, closed quietly when the adapter stops.
     *
     * @throws jakarta.resource.spi.IllegalStateException if the adapter is not started
     */
    public OpenManagedConnections openManagedConnections() throws jakarta.resource.spi.IllegalStateException {
        return requireRunning().outbound();
    }

    private static BrokerAccess accessAt(String url, Running current) {
        return current.access().withUrl(current.location().clientUrlFor(url.trim()));
    }

    private Running requireRunning() throws jakarta.resource.spi.IllegalStateException {
        Running current = running;
        if (current == null) {
            throw new jakarta.resource.spi.IllegalStateException("Gannet resource adapter " + this
                    + " is not started");
        }
        return current;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT} of a remote broker, or {@code vm://NAME} of its own. */
    public String getBrokerUrl() {
        return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    /** The embedded broker's store directory; null for {@code gannet-data/NAME}. */
    public String getDataDirectory() {
        return dataDirectory;
    }

    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** The user of connections that name none, or null. */
    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    /** The password of connections that name no user, or null. */
    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && Objects.equals(brokerUrl, ((GannetResourceAdapter) other).brokerUrl)
                && Objects.equals(dataDirectory, ((GannetResourceAdapter) other).dataDirectory)
                && Objects.equals(user, ((GannetResourceAdapter) other).user)
                && Objects.equals(password, ((GannetResourceAdapter) other).password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), brokerUrl, dataDirectory, user);
    }

    @Override
    public String toString() {
        return "GannetResourceAdapter[" + (brokerUrl == null ? "no brokerUrl" : BrokerLocation.withoutSecrets(brokerUrl))
                + (dataDirectory == null ? "" : ", dataDirectory " + dataDirectory) + "]";
    }
}
