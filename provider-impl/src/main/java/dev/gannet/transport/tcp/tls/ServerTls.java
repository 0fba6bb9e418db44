package dev.gannet.transport.tcp.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * How a broker's TLS listener speaks TLS: the key and certificate chain it shows, whether it asks clients for a
 * certificate and whom it trusts to have signed one, which protocols and cipher suites it accepts. Immutable.
 *
 * @param keyStore   the broker's private key and certificate chain
 * @param trustStore the certificates client certificates must chain to; null for the JVM's default trust store
 * @param clientAuth {@link ClientAuth#NONE}: no client certificate asked for; {@link ClientAuth#OPTIONAL}: asked for,
 *                   and checked when given; {@link ClientAuth#REQUIRE}: a client without a trusted one is refused
 * @param parameters protocols and cipher suites accepted
 */
public record ServerTls(StoreFile keyStore, StoreFile trustStore, ClientAuth clientAuth, TlsParameters parameters) {

    public ServerTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Makes the TLS context of a listener, on the JDK's TLS implementation, reading the stores.
     *
     * @throws IllegalArgumentException naming the store (key store or trust store, its file) and what is wrong
     */
    public SslContext newContext() {
        SslContextBuilder builder = SslContextBuilder.forServer(StoreFile.read("key store", keyStore::keyManagers))
                .sslProvider(SslProvider.JDK).clientAuth(clientAuth);
        if (trustStore != null) {
            builder.trustManager(StoreFile.read("trust store", trustStore::trustManagers));
        }
        try {
            return parameters.applyTo(builder).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("Cannot make a TLS server context: " + e.getMessage(), e);
        }
    }

    /**
     * Makes a JDK TLS context with the same key store and trust store, for server sockets Netty does not run (remote
     * JMX's RMI connector); {@link #configure} sets the rest of these settings on each of its sockets.
     *
     * @throws IllegalArgumentException as {@link #newContext()}
     */
    public SSLContext newJdkContext() {
        KeyManagerFactory keys = StoreFile.read("key store", keyStore::keyManagers);
        TrustManagerFactory trust = trustStore == null ? null
                : StoreFile.read("trust store", trustStore::trustManagers);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot make a TLS server context: " + e.getMessage(), e);
        }
    }

    /** Sets these protocols, cipher suites and client authentication on a server socket of {@link #newJdkContext()}. */
    public void configure(SSLServerSocket socket) {
        socket.setEnabledProtocols(parameters.protocols().toArray(String[]::new));
        if (!parameters.cipherSuites().isEmpty()) {
            socket.setEnabledCipherSuites(parameters.cipherSuites().toArray(String[]::new));
        }
        switch (clientAuth) {
            case REQUIRE -> socket.setNeedClientAuth(true);
            case OPTIONAL -> socket.setWantClientAuth(true);
            case NONE -> socket.setNeedClientAuth(false);
        }
    }
}
