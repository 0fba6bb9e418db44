package dev.gannet.cli;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which broker a client command ({@code send}, {@code consume}) connects to as a JMS client, and who logs in.
 */
final class BrokerOptions {

    @Option(names = "--url", defaultValue = "${env:GANNET_BROKER_URL:-tcp://127.0.0.1:61616}", paramLabel = "URL",
            description = "The broker's URL, tcp://HOST:PORT or ssl://HOST:PORT with options "
                    + "(default: $${GANNET_BROKER_URL}, else ${DEFAULT-VALUE}).")
    private String url;

    @Mixin
    private Credentials credentials;

    /** A new connection to the broker, not started. */
    Connection connect() throws JMSException {
        GannetConnectionFactory factory = new GannetConnectionFactory(url);
        return credentials.user() == null ? factory.createConnection()
                : factory.createConnection(credentials.user(), credentials.password());
    }

    /** The broker's URL. */
    String url() {
        return url;
    }
}
