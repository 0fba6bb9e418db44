package dev.gannet.transport.tcp.client;

import dev.gannet.api.GannetProperties;
import dev.gannet.protocol.BrokerLink;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.transport.BrokerAddress;
import dev.gannet.transport.BrokerUrl;
import dev.gannet.transport.TransportFactory;
import dev.gannet.transport.tcp.TcpOptions;
import jakarta.jms.JMSException;

import java.time.Duration;
import java.util.List;

/**
 * The {@code tcp} scheme: {@code tcp://HOST:PORT?heartbeatInterval=MS&heartbeatTimeout=MS&connectTimeout=MS&maxFrameSize=BYTES},
 * a broker server listening on HOST:PORT.
 */
public final class TcpTransportFactory implements TransportFactory {

    /** How often a heartbeat goes when nothing else was written, in milliseconds. */
    public static final String HEARTBEAT_INTERVAL = "heartbeatInterval";
    /** How long without hearing from the broker before the connection is declared lost, in milliseconds. */
    public static final String HEARTBEAT_TIMEOUT = "heartbeatTimeout";
    /** How long connecting and the handshake may take, in milliseconds. */
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    /** The largest frame the link carries, in bytes. */
    public static final String MAX_FRAME_SIZE = "maxFrameSize";

    @Override
    public String scheme() {
        return "tcp";
    }

    @Override
    public String usage() {
        return "tcp://HOST:PORT";
    }

    @Override
    public BrokerAddress address(BrokerUrl url) {
        String host = url.uri().getHost();
        if (host == null || host.isEmpty() || url.uri().getPort() < 0) {
            throw new IllegalArgumentException("Broker URL '" + url + "' names no host and port; use tcp://HOST:PORT");
        }
        if (url.uri().getPath() != null && !url.uri().getPath().isEmpty()) {
            throw url.invalid("a tcp URL has no path; use tcp://HOST:PORT");
        }
        for (String vmOnly : List.of(GannetProperties.DATA_DIRECTORY, GannetProperties.STOP_WITH_LAST_CONNECTION,
                GannetProperties.STORE)) {
            if (url.has(vmOnly)) {
                throw url.invalid("option " + vmOnly + " applies to vm:// URLs only; a tcp broker runs and keeps its"
                        + " data as its server was told");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        TcpOptions defaults = TcpOptions.defaults();
        Duration interval = url.takeMillis(HEARTBEAT_INTERVAL, defaults.heartbeatInterval());
        Duration timeout = url.takeMillis(HEARTBEAT_TIMEOUT, defaults.heartbeatTimeout());
        Duration connectTimeout = url.takeMillis(CONNECT_TIMEOUT, defaults.connectTimeout());
        int maxFrameSize = (int) url.takeNumber(MAX_FRAME_SIZE, defaults.maxFrameSize(), Integer.MAX_VALUE - 64);
        try {
            return new TcpAddress(host, url.uri().getPort(), new TcpOptions(interval, timeout, maxFrameSize,
                    defaults.writeBufferLimit(), defaults.unwritableTimeout(), connectTimeout));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Broker URL '" + url + "': " + e.getMessage(), e);
        }
    }

    /** A broker listening on {@code host:port}, reached with {@code options}. */
    record TcpAddress(String host, int port, TcpOptions options) implements BrokerAddress {

        /** Connects; the handshake carries the client ID and credentials, so it does what {@link Command.Open} does. */
        @Override
        public BrokerLink connect(Command.Open open, ClientEndpoint endpoint) throws JMSException {
            return TcpBrokerLink.connect(host, port, open.clientId(), open.user(), open.password(), options, endpoint);
        }
    }
}
