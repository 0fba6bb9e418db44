package dev.gannet.ra;

import dev.gannet.client.GannetXAConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How the adapter's parts reach the broker: a Gannet client URL and the identity a connection uses when its caller
 * names none. The adapter makes one from its configuration at start ({@link BrokerLocation}); a connection factory or
 * an activation may override the URL or the identity.
 */
public final class BrokerAccess {

    private final String url;
    private final Credentials credentials;
    private final GannetXAConnectionFactory factory;

    /**
     * @throws IllegalArgumentException if the URL is malformed or names an unknown scheme or option
     */
    public BrokerAccess(String url, Credentials credentials) {
        this.url = url;
        this.credentials = credentials;
        this.factory = new GannetXAConnectionFactory(url);
    }

    /** The Gannet client URL, e.g. {@code tcp://broker:7672} or {@code vm://gannet?dataDirectory=/var/gannet}. */
    public String url() {
        return url;
    }

    /** The identity used when a caller names none. */
    public Credentials credentials() {
        return credentials;
    }

    /** The Gannet factory for this URL; its connections are XA connections and ordinary connections alike. */
    public XAConnectionFactory factory() {
        return factory;
    }

    /**
     * Opens an XA connection as {@code identity}, or with this access's own credentials when {@code identity} names
     * no user.
     *
     * @throws JMSException as the broker refuses ({@link jakarta.jms.JMSSecurityException} for bad credentials)
     */
    public XAConnection openConnection(Credentials identity) throws JMSException {
        Credentials used = identity.or(credentials);
        return factory.createXAConnection(used.user(), used.password());
    }

    /**
     * Opens an XA context as {@code identity}, or with this access's own credentials when it names no user.
     *
     * @throws jakarta.jms.JMSRuntimeException as the broker refuses
     */
    public XAJMSContext openContext(Credentials identity) {
        Credentials used = identity.or(credentials);
        return factory.createXAContext(used.user(), used.password());
    }

    /** This access with another URL (same identity). */
    public BrokerAccess withUrl(String otherUrl) {
        return new BrokerAccess(otherUrl, credentials);
    }

    /** This access with another default identity (same URL). */
    public BrokerAccess withCredentials(Credentials other) {
        return new BrokerAccess(url, other);
    }

    /** This access with the URL option {@code name=value} added, unless the URL has that option already. */
    public BrokerAccess withDefaultOption(String name, String value) {
        if (BrokerLocation.options(url).containsKey(name)) {
            return this;
        }
        String option = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return withUrl(url + (url.contains("?") ? "&" : "?") + option);
    }

    /** The URL and the identity, never the password. */
    @Override
    public String toString() {
        return BrokerLocation.withoutSecrets(url) + " as " + credentials;
    }
}
