package dev.gannet.ra.outbound;

import dev.gannet.ra.Credentials;
import jakarta.resource.spi.ConnectionRequestInfo;

/**
 * What the application asked its connection factory for, passed through the server's connection manager to the
 * managed connection factory (Connectors 2.1 section 6.5.1.2): the kind of handle, the credentials it named
 * (component-managed sign-on; {@link Credentials#NONE} when it named none) and, for a JMSContext, its session mode.
 * Equal by all three, as section 19.4.2 asks.
 *
 * @param sessionMode the JMSContext session mode asked for; {@code JMSContext.AUTO_ACKNOWLEDGE} for connections
 */
record ConnectionRequest(HandleType type, Credentials credentials, int sessionMode) implements ConnectionRequestInfo {

    /** The request of a server that passes none: a connection as the factory's identity. */
    static final ConnectionRequest DEFAULT = new ConnectionRequest(HandleType.CONNECTION, Credentials.NONE,
            jakarta.jms.JMSContext.AUTO_ACKNOWLEDGE);
}
