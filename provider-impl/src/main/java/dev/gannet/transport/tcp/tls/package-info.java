/**
 * TLS for the tcp transport, on Netty's {@code SslHandler} with the JDK's TLS implementation: the settings of each side
 * as immutable values ({@link dev.gannet.transport.tcp.tls.ClientTls} for a client, made from its URL's options;
 * {@link dev.gannet.transport.tcp.tls.ServerTls} for a broker's TLS listener, made from the server's {@code tls.*}
 * keys), their key and trust stores ({@link dev.gannet.transport.tcp.tls.StoreFile}, PKCS12 or JKS), protocols and
 * cipher suites ({@link dev.gannet.transport.tcp.tls.TlsParameters}), each making a Netty {@code SslContext}; and
 * {@link dev.gannet.transport.tcp.tls.HandshakeFailures}, which says why a handshake failed, to the client's user or to
 * the broker's operator.
 *
 * <p>Called by {@code transport.tcp.client}, {@code transport.tcp.server} and the standalone server's configuration;
 * knows nothing of them.
 */
package dev.gannet.transport.tcp.tls;
