package dev.gannet.protocol;

/**
 * What the broker answers to a connection's {@link Command.Open}: what the client should know of how the broker treats
 * the connection.
 *
 * @param setsUserId whether the broker sets {@code JMSXUserID} of every message the connection sends to the user it
 *                   logged in as (the connection's {@code ConnectionMetaData} then lists {@code JMSXUserID})
 */
public record Opened(boolean setsUserId) {
}
