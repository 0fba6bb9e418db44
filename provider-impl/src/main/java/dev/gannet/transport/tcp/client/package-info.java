/**
 * The client's end of the tcp transport: {@link dev.gannet.transport.tcp.client.TcpTransportFactory} reads
 * {@code tcp://HOST:PORT} and {@code ssl://HOST:PORT} URLs; {@link dev.gannet.transport.tcp.client.TcpBrokerLink}
 * connects (over TLS first when asked, {@code TlsAlertRelay} turning a broker's refusal into the reason), handshakes
 * and carries commands, matching replies to requests ({@code ReplyCorrelator}), keeping one-way sends within the window
 * ({@code SendWindow}) and handing deliveries and failures to the client ({@code ClientChannelHandler}).
 *
 * <p>Called by the client through {@link dev.gannet.transport.TransportFactory} and
 * {@link dev.gannet.protocol.BrokerLink} only (and by tests). Never imports the broker or {@code transport.tcp.server}.
 */
package dev.gannet.transport.tcp.client;
