package dev.gannet.transport.vm;

import dev.gannet.api.BrokerConfig;
import dev.gannet.broker.Broker;
import dev.gannet.broker.ServerConnection;
import dev.gannet.protocol.BrokerLink;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Opened;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The vm transport: commands are handed to the in-process broker as objects, without encoding. The broker carries out
 * each command on the calling thread, so one thread's commands run in the order it made them, and a one-way send
 * needs no window: the sender itself does the broker's work before its call returns.
 */
final class VmBrokerLink implements BrokerLink {

    private static final Logger LOG = LoggerFactory.getLogger(VmBrokerLink.class);

    private final Broker broker;
    private final ServerConnection connection;
    private final AtomicBoolean released = new AtomicBoolean();
    /** What the broker answered to the Open; set once by {@link #open}, before the link is handed out. */
    private volatile Opened opened;

    private VmBrokerLink(Broker broker, ClientEndpoint endpoint) {
        this.broker = broker;
        this.connection = broker.connect(endpoint);
    }

    /**
     * Connects to the broker of {@code config}, starting it in this JVM with {@code lifetime} if it does not run yet.
     *
     * @throws IllegalStateException as {@link VmBrokerRegistry#acquire}
     */
    static VmBrokerLink connect(BrokerConfig config, VmBrokerRegistry.Lifetime lifetime,
                                       ClientEndpoint endpoint) {
        Broker broker = VmBrokerRegistry.acquire(config, lifetime);
        try {
            return new VmBrokerLink(broker, endpoint);
        } catch (RuntimeException e) {
            VmBrokerRegistry.release(broker);
            throw e;
        }
    }

    /**
     * Carries out the connection's {@link Command.Open} and keeps the broker's answer.
     *
     * @throws java.util.concurrent.CompletionException with the broker's refusal as its cause
     */
    void open(Command.Open open) {
        opened = request(open).join(); // the broker carries it out before answering
    }

    @Override
    public Opened opened() {
        return opened;
    }

    @Override
    public <A> CompletableFuture<A> request(Command<A> command) {
        CompletableFuture<A> answer = connection.handle(command);
        if (command instanceof Command.Close) {
            answer = answer.whenComplete((v, e) -> release());
        }
        return answer;
    }

    /** Carries out the send before returning; its outcome is handled as {@link ServerConnection#post} says. */
    @Override
    public void post(Command.Send send) {
        connection.post(send).join(); // never fails; waits only if the broker has to store the message first
    }

    /** Carries out the acknowledgement before returning; its failure is logged. */
    @Override
    public void post(Command.Acknowledge acknowledge) {
        connection.handle(acknowledge).exceptionally(e -> {
            LOG.warn("Acknowledgement of deliveries {} in session {} failed", acknowledge.deliveryIds(),
                    acknowledge.sessionId(), e);
            return null;
        });
    }

    @Override
    public void abort() {
        connection.handle(new Command.Close());
        release();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            VmBrokerRegistry.release(broker);
        }
    }
}
