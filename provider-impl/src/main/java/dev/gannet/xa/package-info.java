/**
 * Gannet's XA resources for whoever drives transactions from outside the client: a transaction manager's recovery
 * ({@link dev.gannet.xa.ReconnectingXAResource}, which reconnects to the broker as recovery needs) and a server that
 * wraps a Gannet XA session's resource ({@link dev.gannet.xa.SessionXAResource}, so that wrappers of one broker are
 * one resource manager). Independent of any transaction manager; {@code dev.gannet.xa.narayana} builds on it for
 * Narayana.
 */
package dev.gannet.xa;
