package dev.gannet.transport.vm;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.broker.Administration;
import dev.gannet.broker.Broker;

import java.util.concurrent.atomic.AtomicBoolean;

/** {@link EmbeddedBroker} backed by the vm broker registry; found through {@link java.util.ServiceLoader}. */
public final class VmEmbeddedBroker implements EmbeddedBroker {

    private final Broker broker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VmEmbeddedBroker(Broker broker) {
        this.broker = broker;
    }

    @Override
    public BrokerConfig config() {
        return broker.config();
    }

    /**
     * The management operations of the broker this handle reaches: what Gannet's own management on an embedded broker
     * ({@code dev.gannet.management.metrics.GannetMetrics}) builds on. Not for applications.
     */
    public Administration administration() {
        return broker.administration();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            VmBrokerRegistry.releaseHandle(broker, false);
        }
    }

    @Override
    public boolean stopUnlessShared() {
        if (closed.compareAndSet(false, true)) {
            return VmBrokerRegistry.releaseHandle(broker, true);
        }
        return VmBrokerRegistry.running(broker.config().name()).orElse(null) != broker;
    }

    /** The service-provider entry {@code EmbeddedBroker.start} and {@code EmbeddedBroker.stop} use. */
    public static final class Launcher implements EmbeddedBroker.Launcher {
        @Override
        public EmbeddedBroker start(BrokerConfig config) {
            return new VmEmbeddedBroker(VmBrokerRegistry.acquireHandle(config));
        }

        @Override
        public boolean stop(String name) {
            return VmBrokerRegistry.stop(name);
        }
    }
}
