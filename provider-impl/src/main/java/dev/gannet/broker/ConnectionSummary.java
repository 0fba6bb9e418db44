package dev.gannet.broker;

/**
 * One open connection as {@link Administration} reads it.
 *
 * @param id            the broker's number for it
 * @param clientId      its client ID, or null
 * @param user          the user it authenticated as, or null
 * @param remoteAddress where it comes from ({@link dev.gannet.protocol.Peer#address()})
 * @param created       when it was opened, in epoch milliseconds
 * @param sessions      sessions open now
 * @param consumers     consumers open now
 */
public record ConnectionSummary(long id, String clientId, String user, String remoteAddress, long created,
                                int sessions, int consumers) {
}
