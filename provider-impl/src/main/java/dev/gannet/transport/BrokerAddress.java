package dev.gannet.transport;

import dev.gannet.protocol.BrokerLink;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import jakarta.jms.JMSException;

/** Where a broker is and how to reach it: what a {@link TransportFactory} read from a broker URL. Immutable. */
public interface BrokerAddress {

    /**
     * Connects to the broker and opens a connection there as {@code open} says (client ID and credentials).
     *
     * @param endpoint what the broker calls on the new connection
     * @throws jakarta.jms.InvalidClientIDException if the broker refuses the client ID
     * @throws jakarta.jms.JMSSecurityException if the broker refuses the credentials
     * @throws JMSException if the broker cannot be reached or refuses the connection for another reason
     */
    BrokerLink connect(Command.Open open, ClientEndpoint endpoint) throws JMSException;
}
