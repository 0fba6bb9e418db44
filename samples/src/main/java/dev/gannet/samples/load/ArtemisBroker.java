package dev.gannet.samples.load;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Apache ActiveMQ Artemis embedded in the tool's JVM as a comparison broker, reached in-vm ({@code --provider
 * artemis}) or over tcp on 127.0.0.1 through its Netty acceptor ({@code --provider artemis-tcp}).
 *
 * <p>Fairness, against Gannet's vm (or tcp) transport on its Derby store:
 * <ul>
 *   <li>Persistence on, with Artemis's own file journal of type NIO (libaio is not assumed) in a fresh temporary
 *       directory (journal, bindings, paging, large messages), deleted afterwards. Journal defaults otherwise:
 *       {@code journal-sync-transactional} and {@code journal-sync-non-transactional} true, {@code journal-datasync}
 *       true, NIO buffer timeout 3,333,333 ns (Artemis batches the syncs of concurrent writers, as Gannet's group
 *       commit does), 10 MiB journal files.</li>
 *   <li>artemis: in-vm acceptor and connector ({@code vm://0}): no sockets, as with Gannet's vm transport.
 *       artemis-tcp: the Netty acceptor on a free port of 127.0.0.1 and a Netty connector to it
 *       ({@code tcp://127.0.0.1:PORT}), both with Artemis' defaults (TCP_NODELAY on, batching off), as gannet-tcp
 *       runs Gannet's server in this JVM and reaches it over its tcp transport.</li>
 *   <li>Security and JMX management off; address settings default (queues and addresses created on first use,
 *       paging once the global size, half the heap, is used) but for the dead-letter and expiry addresses of a new
 *       Artemis instance's broker.xml, which no workload reaches.</li>
 *   <li>Client defaults: {@code blockOnDurableSend=true} (a persistent send outside a transaction waits until the
 *       journal has synced it), {@code blockOnNonDurableSend=false}, {@code blockOnAcknowledge=false}; a transacted
 *       session's sends are sent ahead and its commit waits. Consumer window 1 MiB of message data (about 900
 *       messages of 1 KiB), where Gannet's prefetch is 1,000 messages and ActiveMQ Classic's 1,000 for queues.</li>
 * </ul>
 */
final class ArtemisBroker {

    static final String NAME = "artemis-load";
    /** The in-vm acceptor's id, and the URL of the factory connecting to it. */
    static final String VM_URL = "vm://0";
    static final String TCP_HOST = "127.0.0.1";

    private ArtemisBroker() {
    }

    /**
     * Starts the broker with its store in a fresh temporary directory, reached through the in-vm connector.
     *
     * @throws Exception whatever Artemis throws when it cannot start; the directory is deleted again
     */
    static Target inVm() throws Exception {
        return start("artemis", VM_URL);
    }

    /**
     * Starts the broker with its store in a fresh temporary directory and a Netty acceptor on a free port of
     * 127.0.0.1, reached over tcp.
     *
     * @throws Exception whatever Artemis throws when it cannot start; the directory is deleted again
     */
    static Target tcp() throws Exception {
        return start("artemis-tcp", "tcp://" + TCP_HOST + ":" + freePort());
    }

    /** Starts the broker with one acceptor at {@code url} and a factory connecting to it there. */
    private static Target start(String label, String url) throws Exception {
        return Target.inTemporaryDirectory(label, directory -> {
            ConfigurationImpl configuration = new ConfigurationImpl();
            configuration.setName(NAME);
            configuration.setBrokerInstance(directory.toFile());
            configuration.setPersistenceEnabled(true);
            configuration.setJournalType(JournalType.NIO);
            configuration.setJournalDirectory(path(directory, "journal"));
            configuration.setBindingsDirectory(path(directory, "bindings"));
            configuration.setPagingDirectory(path(directory, "paging"));
            configuration.setLargeMessagesDirectory(path(directory, "large-messages"));
            configuration.setNodeManagerLockDirectory(path(directory, "journal"));
            configuration.setSecurityEnabled(false);
            configuration.setJMXManagementEnabled(false);
            configuration.addAcceptorConfiguration(label, url);
            // As in the broker.xml of a new Artemis instance; without them Artemis warns for every new queue.
            configuration.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of("DLQ"))
                    .setExpiryAddress(SimpleString.of("ExpiryQueue")));
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
            broker.setConfiguration(configuration);
            try {
                broker.start();
            } catch (Exception e) {
                stopAfterFailure(broker, e);
                throw e;
            }
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
            return new Target(label + " " + url + " (embedded ActiveMQ Artemis, NIO journal in " + directory + ")",
                    factory, () -> stop(factory, broker), directory);
        });
    }

    /**
     * A port of 127.0.0.1 free a moment ago. Artemis' acceptor is given a fixed port; another process taking it in
     * between makes the start fail, which the run reports.
     */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(TCP_HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String path(Path directory, String name) {
        return directory.resolve(name).toAbsolutePath().toString();
    }

    /** Closes the factory, stops the broker and ends the shared thread pools of the client and the in-vm connector. */
    private static void stop(ActiveMQConnectionFactory factory, EmbeddedActiveMQ broker) throws Exception {
        try {
            factory.close();
        } finally {
            try {
                broker.stop();
            } finally {
                ActiveMQClient.clearThreadPools();
                InVMConnector.resetThreadPool();
            }
        }
    }

    private static void stopAfterFailure(EmbeddedActiveMQ broker, Exception failure) {
        try {
            broker.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
