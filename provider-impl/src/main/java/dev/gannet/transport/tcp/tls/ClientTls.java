package dev.gannet.transport.tcp.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.util.Objects;

/**
 * How a client speaks TLS to a broker: whom it trusts, what it shows if the broker asks for a client certificate,
 * which protocols and cipher suites it offers, and whether the broker's certificate must name the host the client
 * connected to (endpoint identification "HTTPS", RFC 2818: on by default). Immutable.
 *
 * @param trustStore the certificates the client trusts; null for the JVM's default trust store
 * @param keyStore   the client's key and certificate chain for client authentication; null for none
 * @param parameters protocols and cipher suites offered
 * @param verifyHost whether the broker's certificate must name the host connected to
 */
public record ClientTls(StoreFile trustStore, StoreFile keyStore, TlsParameters parameters, boolean verifyHost) {

    public ClientTls {
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Makes the TLS context of a client, on the JDK's TLS implementation, reading the stores.
     *
     * @throws IllegalArgumentException naming the store (key store or trust store, its file) and what is wrong
     */
    public SslContext newContext() {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm(verifyHost ? "HTTPS" : null);
        if (trustStore != null) {
            builder.trustManager(StoreFile.read("trust store", trustStore::trustManagers));
        }
        if (keyStore != null) {
            builder.keyManager(StoreFile.read("key store", keyStore::keyManagers));
        }
        try {
            return parameters.applyTo(builder).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("Cannot make a TLS client context: " + e.getMessage(), e);
        }
    }
}
