package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.MessageProperties;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.protocol.XaError;
import jakarta.jms.JMSException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker's fast test tier: a {@link Broker} over the in-memory store (or, for what must survive a restart, the
 * store a {@link BrokerConfig} names), driven with protocol commands through {@link ServerConnection#handle} as a
 * transport would hand them over: no sockets, no JMS client. Each {@link Client} is one connection whose endpoint
 * records what the broker delivers. Every wait has a deadline.
 */
final class BrokerDriver implements AutoCloseable {

    /** How long a command's answer or an expected delivery may take before the test fails. */
    static final long DEADLINE_SECONDS = 10;
    private static final int PREFETCH = 100;

    private final Broker broker;

    /** A broker named {@code name} over a fresh in-memory store, with {@code destinations}. */
    BrokerDriver(String name, DestinationPolicies destinations) {
        this(BrokerConfig.builder().name(name).dataDirectory(Path.of("target", "unused"))
                .destinations(destinations).inMemoryStore().build());
    }

    /** A broker started with {@code config}: on Derby in a test's directory, it can be started again on it. */
    BrokerDriver(BrokerConfig config) {
        this(config, Authorizer.ALLOW_ALL);
    }

    /** A broker started with {@code config} whose command gate asks {@code authorizer}. */
    BrokerDriver(BrokerConfig config, Authorizer authorizer) {
        this.broker = Broker.start(config, authorizer);
    }

    Broker broker() {
        return broker;
    }

    /** Opens a started connection with {@code clientId} (null for none). */
    Client connect(String clientId) throws JMSException {
        Client client = new Client(broker);
        client.call(new Command.Open(clientId, null, null));
        client.call(new Command.Start());
        return client;
    }

    static GannetDestination queue(String name) {
        return GannetDestination.of(DestinationKind.QUEUE, name);
    }

    static GannetDestination topic(String name) {
        return GannetDestination.of(DestinationKind.TOPIC, name);
    }

    /** A persistent text message to {@code destination} at priority 4, with a duplicate ID when not null. */
    static OutboundMessage message(GannetDestination destination, String text, String duplicateId)
            throws JMSException {
        GannetTextMessage message = new GannetTextMessage(text);
        message.setJMSDestination(destination);
        if (duplicateId != null) {
            message.setStringProperty(MessageProperties.DUPLICATE_ID, duplicateId);
        }
        return new OutboundMessage(destination, true, 4, 0, 0, null, MessageCodec.encode(message));
    }

    static String text(byte[] encoded) throws JMSException {
        return ((GannetTextMessage) MessageCodec.decode(encoded)).getText();
    }

    /** The texts of {@code deliveries}, in order. */
    static List<String> texts(List<Delivery> deliveries) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            texts.add(text(delivery.encoded()));
        }
        return texts;
    }

    /** The delivery ids of {@code deliveries}, in order. */
    static List<Long> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::deliveryId).toList();
    }

    /** The XA branch {@code global}, qualifier {@code branch}. */
    static BranchId xid(String global, String branch) {
        return new BranchId(0x4741, global.getBytes(StandardCharsets.UTF_8), branch.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        broker.close();
    }

    /** One connection to the broker, and what it was delivered. */
    static final class Client implements ClientEndpoint {

        private static final int BROWSING_SESSION = Integer.MAX_VALUE;
        private int browseIds; // the walks begun so far; the test's thread only
        private final ServerConnection connection;
        private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

        private Client(Broker broker) {
            this.connection = broker.connect(this);
        }

        /**
         * Hands {@code command} to the broker and waits for its answer; the only place the tests call
         * {@link ServerConnection#handle}.
         *
         * @throws JMSException the broker's refusal
         */
        <A> A call(Command<A> command) throws JMSException {
            CompletableFuture<A> answer = connection.handle(command);
            try {
                return answer.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof JMSException refused) {
                    throw refused;
                }
                throw new AssertionError("The broker failed on " + command, e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("No answer to " + command + " within " + DEADLINE_SECONDS + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + command, e);
            }
        }

        void session(int sessionId, boolean transacted) throws JMSException {
            call(new Command.CreateSession(sessionId, transacted));
        }

        void consumer(int sessionId, int consumerId, GannetDestination destination) throws JMSException {
            consumer(sessionId, consumerId, destination, SubscriptionSpec.PRIVATE);
        }

        void consumer(int sessionId, int consumerId, GannetDestination destination, SubscriptionSpec subscription)
                throws JMSException {
            call(new Command.CreateConsumer(sessionId, consumerId, destination, null, false,
                    destination.kind() == DestinationKind.TOPIC ? subscription : null, PREFETCH));
        }

        void send(int sessionId, GannetDestination destination, String text) throws JMSException {
            send(sessionId, destination, text, null);
        }

        void send(int sessionId, GannetDestination destination, String text, String duplicateId)
                throws JMSException {
            call(new Command.Send(sessionId, message(destination, text, duplicateId)));
        }

        /**
         * Hands {@code command} to the broker and answers the XA error code it was refused with.
         *
         * @throws AssertionError if it was carried out, or refused without an XA error code
         */
        int xaError(Command<?> command) {
            try {
                call(command);
            } catch (JMSException refused) {
                if (!XaError.carriesCode(refused)) {
                    throw new AssertionError(command + " failed without an XA error code", refused);
                }
                return XaError.code(refused);
            }
            throw new AssertionError(command + " was carried out");
        }

        /** The next {@code count} deliveries to this connection, waiting for each up to the deadline. */
        List<Delivery> receive(int count) {
            List<Delivery> received = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                received.add(receive());
            }
            return received;
        }

        /**
         * The next delivery to consumer {@code consumerId} of session {@code sessionId}, waiting for it up to the
         * deadline; deliveries to other consumers before it are dropped (a closed consumer's, say).
         */
        Delivery receive(int sessionId, int consumerId) {
            while (true) {
                Delivery delivery = receive();
                if (delivery.sessionId() == sessionId && delivery.consumerId() == consumerId) {
                    return delivery;
                }
            }
        }

        /** The next delivery to this connection, waiting for it up to the deadline. */
        Delivery receive() {
            try {
                Delivery delivery = deliveries.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
                if (delivery == null) {
                    throw new AssertionError("Nothing delivered within " + DEADLINE_SECONDS + " s");
                }
                return delivery;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for a delivery", e);
            }
        }

        /** The texts of the queue's messages now, in delivery order ({@link Command.Browse}). */
        List<String> browse(GannetDestination queue) throws JMSException {
            List<String> texts = new ArrayList<>();
            for (byte[] encoded : browseAll(queue)) {
                texts.add(text(encoded));
            }
            return texts;
        }

        /** The message of the queue's first message, as stored ({@link Command.Browse}). */
        GannetMessage browseFirst(GannetDestination queue) throws JMSException {
            return MessageCodec.decode(browseAll(queue).get(0));
        }

        /** Every page of a walk through the queue, in a session of its own that the tests' ids never meet. */
        private List<byte[]> browseAll(GannetDestination queue) throws JMSException {
            if (browseIds == 0) {
                call(new Command.CreateSession(BROWSING_SESSION, false));
            }
            int browseId = ++browseIds;
            List<byte[]> all = new ArrayList<>();
            List<byte[]> page = call(new Command.Browse(BROWSING_SESSION, browseId, queue, null, 100));
            while (!page.isEmpty()) {
                all.addAll(page);
                page = call(new Command.BrowseNext(BROWSING_SESSION, browseId));
            }
            return all;
        }

        @Override
        public void deliver(Delivery delivery) {
            deliveries.add(delivery);
        }

        @Override
        public void sendFailed(JMSException cause) {
            throw new AssertionError("Only answered sends are made here", cause);
        }

        @Override
        public void connectionFailed(JMSException cause) {
            // the broker closed: the tests have finished with this connection
        }
    }
}
