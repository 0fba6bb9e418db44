/**
 * The standalone broker: {@link dev.gannet.server.GannetServer} reads a {@link dev.gannet.server.ServerConfig} from a
 * properties file and runs a {@link dev.gannet.server.RunningServer} (broker + tcp acceptor) until SIGTERM or SIGINT.
 */
package dev.gannet.server;
