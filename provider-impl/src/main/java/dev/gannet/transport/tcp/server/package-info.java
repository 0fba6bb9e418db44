/**
 * The broker's end of the tcp transport: {@link dev.gannet.transport.tcp.server.TcpAcceptor} accepts clients for one
 * broker; per channel, {@code ServerChannelHandler} checks the handshake and hands commands to the connection's lane
 * and the broker's {@link dev.gannet.broker.ServerConnection}, {@code ProcessedSends} keeps the broker's half of the
 * one-way send window, and {@code ChannelClientEndpoint} turns what the broker calls on a client into frames.
 *
 * <p>Called by the standalone server and by whoever embeds a broker with a tcp listener ({@code TcpAcceptor} only).
 * Never imports the client or {@code transport.tcp.client}.
 */
package dev.gannet.transport.tcp.server;
