/**
 * How a client finds its transport: a broker URL's scheme names a {@link dev.gannet.transport.TransportFactory}
 * ({@code vm}, {@code tcp}), which reads the URL's address and its own options ({@link dev.gannet.transport.BrokerUrl})
 * into a {@link dev.gannet.transport.BrokerAddress}, which connects and answers a
 * {@link dev.gannet.protocol.BrokerLink}. {@link dev.gannet.transport.Transports} holds the factories a connection
 * factory knows, by scheme; it is built in one place, {@code GannetConnectionFactory}.
 *
 * <p>Called by the client only. The transports themselves live in the subpackages ({@code vm}, {@code tcp.client}
 * with {@code tcp.server} for the broker's end); nothing here knows them.
 */
package dev.gannet.transport;
