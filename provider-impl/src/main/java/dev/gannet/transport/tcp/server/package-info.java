/**
 * The broker's end of the tcp transport: {@link dev.gannet.transport.tcp.server.TcpAcceptor} accepts clients for one
 * broker; per channel, {@code ServerChannelHandler} checks the handshake and hands commands to the connection's lane
 * and the broker's {@link dev.gannet.broker.ServerConnection}, {@code ProcessedSends} keeps the broker's half of the
 * one-way send window, and {@code ChannelClientEndpoint} turns what the broker calls on a client into frames and
 * knows who the client is ({@link dev.gannet.protocol.Peer}). A TLS acceptor puts the TLS handshake first
 * ({@code TlsHandshakeLog} logs its failures) and answers plain clients that reach it ({@code PlainClientGuard},
 * {@code PlainClientRefusal}); a plain acceptor closes TLS clients at once ({@code TlsClientGuard}).
 *
 * <p>Called by the standalone server and by whoever embeds a broker with a tcp listener ({@code TcpAcceptor} only).
 * Never imports the client or {@code transport.tcp.client}.
 */
package dev.gannet.transport.tcp.server;
