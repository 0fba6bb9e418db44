package dev.gannet.management;

import dev.gannet.api.management.SubscriptionMXBean;
import dev.gannet.broker.Administration;
import dev.gannet.broker.QueueAddress;

/** {@link SubscriptionMXBean} over the broker's {@link Administration}: a {@link QueueControl} of a subscription. */
final class SubscriptionControl extends QueueControl implements SubscriptionMXBean {

    private final QueueAddress.Subscription subscription;

    SubscriptionControl(Administration administration, QueueAddress.Subscription subscription) {
        super(administration, subscription, subscription.temporaryTopic());
        this.subscription = subscription;
    }

    /** {@code durable}, {@code shared} or {@code non-durable}, as the object name's {@code kind} says. */
    static String kindOf(QueueAddress.Subscription subscription) {
        if (subscription.durable()) {
            return "durable";
        }
        return subscription.shared() ? "shared" : "non-durable";
    }

    @Override
    public String getName() {
        return subscription.name() != null ? subscription.name() : Long.toString(subscription.number());
    }

    @Override
    public String getTopic() {
        return subscription.topic();
    }

    @Override
    public String getKind() {
        return kindOf(subscription);
    }

    @Override
    public boolean isDurable() {
        return subscription.durable();
    }

    @Override
    public boolean isShared() {
        return subscription.shared();
    }

    @Override
    public String getClientId() {
        return subscription.clientId();
    }

    @Override
    public String getSelector() {
        return subscription.selector();
    }

    @Override
    public boolean isNoLocal() {
        return subscription.noLocal();
    }
}
