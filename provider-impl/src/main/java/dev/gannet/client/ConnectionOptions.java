package dev.gannet.client;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.GannetProperties;
import dev.gannet.api.Limits;
import dev.gannet.transport.BrokerAddress;
import dev.gannet.transport.BrokerUrl;
import dev.gannet.transport.Transports;

import java.net.URI;
import java.util.Locale;

/**
 * A parsed broker URL: {@code SCHEME://ADDRESS?option=value&...}, where the scheme names the transport
 * ({@link Transports}), which reads the address and its own options. Options of every transport:
 * {@value GannetProperties#PREFETCH}, {@value GannetProperties#CLIENT_ID}, {@value GannetProperties#USER},
 * {@value GannetProperties#PASSWORD}, {@value #BLOCK_ON_NON_PERSISTENT_SEND}, {@value #BLOCK_ON_TRANSACTED_SEND}.
 *
 * @param address where the broker is, as the URL's transport read it
 */
record ConnectionOptions(String url, BrokerAddress address, int prefetch, String clientId, String user,
                         String password, SendBlocking blocking) {

    static final int DEFAULT_PREFETCH = 1000;
    static final String DEFAULT_URL = "vm://" + BrokerConfig.DEFAULT_NAME;
    /** true: a non-persistent send outside a transaction waits for the broker (default false: it does not). */
    static final String BLOCK_ON_NON_PERSISTENT_SEND = "blockOnNonPersistentSend";
    /** true: a send in a transacted session waits for the broker (default false: commit is where it waits). */
    static final String BLOCK_ON_TRANSACTED_SEND = "blockOnTransactedSend";

    /**
     * Which sends wait for the broker's answer. A persistent send outside a transaction always does (it returns once
     * the message is stored); so does a send with a CompletionListener, whose listener hears the answer. The others
     * are one-way unless blocked here: their failures reach the session's next commit or the connection's
     * ExceptionListener.
     */
    record SendBlocking(boolean nonPersistent, boolean transacted) {

        /** Whether a send without CompletionListener waits for the broker. */
        boolean waits(boolean inTransaction, boolean persistent) {
            return inTransaction ? transacted : persistent || nonPersistent;
        }
    }

    /**
     * The broker this URL reaches, as an XA resource manager's identity: its scheme and address without options, e.g.
     * {@code vm://orders} or {@code tcp://broker.example:7672}. Two connections with the same identity reach the
     * same broker; two names of one host (an alias, an IP address, another spelling) count as different brokers,
     * which is safe: a transaction manager then gives each its own branch.
     */
    String resourceManager() {
        URI uri = BrokerUrl.parse(url).uri();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }

    /**
     * @throws IllegalArgumentException naming the part of the URL that is wrong
     */
    static ConnectionOptions parse(String url, Transports transports) {
        BrokerUrl brokerUrl = BrokerUrl.parse(url);
        BrokerAddress address = transports.address(brokerUrl);
        String prefetchText = brokerUrl.take(GannetProperties.PREFETCH);
        int prefetch = DEFAULT_PREFETCH;
        if (prefetchText != null) {
            try {
                prefetch = Integer.parseInt(prefetchText);
            } catch (NumberFormatException e) {
                prefetch = 0;
            }
            if (prefetch < 1 || prefetch > Limits.MAX_PREFETCH) {
                throw brokerUrl.invalid("prefetch must be a whole number from 1 to " + Limits.MAX_PREFETCH + ", not '"
                        + prefetchText + "'");
            }
        }
        String clientId = brokerUrl.take(GannetProperties.CLIENT_ID);
        String user = brokerUrl.take(GannetProperties.USER);
        String password = brokerUrl.take(GannetProperties.PASSWORD);
        SendBlocking blocking = new SendBlocking(brokerUrl.takeFlag(BLOCK_ON_NON_PERSISTENT_SEND),
                brokerUrl.takeFlag(BLOCK_ON_TRANSACTED_SEND));
        if (!brokerUrl.untaken().isEmpty()) {
            throw brokerUrl.invalid("unknown option(s) " + brokerUrl.untaken());
        }
        return new ConnectionOptions(url, address, prefetch, clientId, user, password, blocking);
    }
}
