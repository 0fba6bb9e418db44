/**
 * The tcp transport's wire, shared by its two ends: frames ({@link dev.gannet.transport.tcp.Frame}) and their codecs
 * (frame, command and answer codecs over {@code WireReader}/{@code WireWriter}, failures as
 * {@link dev.gannet.transport.tcp.WireError}), the pipeline both ends install in front of their own handler
 * ({@link dev.gannet.transport.tcp.FramePipeline}: framing, bad input, heartbeats, slow peers, and the
 * {@link dev.gannet.transport.tcp.FrameWriter} through which each end writes its frames, a flush per burst), the
 * one-way send window both ends agree on ({@link dev.gannet.transport.tcp.SendWindowLimits}) and the link's
 * {@link dev.gannet.transport.tcp.TcpOptions}.
 *
 * <p>Called by {@code transport.tcp.client} (the client's end), {@code transport.tcp.server} (the broker's end) and,
 * for {@code TcpOptions} only, by the standalone server's configuration. Everything that is not needed by those two
 * packages stays package-private.
 */
package dev.gannet.transport.tcp;
