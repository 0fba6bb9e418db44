package dev.gannet.ra.server;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A message-driven bean as an EJB container runs it (Connectors 2.1 section 13.5): endpoints whose
 * {@code beforeDelivery} begins a Narayana transaction and enlists the adapter's XAResource when delivery is
 * transacted, and whose {@code afterDelivery} commits it, or rolls it back when {@code onMessage} threw (a system
 * exception rolls the container's transaction back). What the bean does is the test's {@link Bean}.
 */
public final class TestEndpointFactory implements MessageEndpointFactory {

    /** The bean's onMessage. */
    public interface Bean {
        void onMessage(Message message) throws Exception;
    }

    /** A message the bean took without throwing, in a delivery that completed (its transaction committed). */
    public record Received(String text, int deliveryCount, String messageId) {
    }

    private final String name;
    private final TransactionManager transactions; // null: delivery not transacted
    private final Bean bean;
    private final List<Received> received = new ArrayList<>(); // guarded by this
    private int attempts; // guarded by this
    private int concurrent; // guarded by this
    private int mostConcurrent; // guarded by this
    private int created; // guarded by this
    private int released; // guarded by this
    private int committed; // guarded by this
    private int rolledBack; // guarded by this

    /**
     * @param transactions the transaction manager of transacted delivery; null for a bean that is not transacted
     */
    public TestEndpointFactory(String name, TransactionManager transactions, Bean bean) {
        this.name = name;
        this.transactions = transactions;
        this.bean = bean;
    }

    @Override
    public synchronized MessageEndpoint createEndpoint(XAResource xaResource) {
        created++;
        return new Endpoint(xaResource);
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return transactions != null;
    }

    @Override
    public String getActivationName() {
        return name;
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    /** The proxy endpoint (section 13.5): the bean behind the container's transaction handling. */
    public final class Endpoint implements MessageEndpoint, MessageListener {

        private final XAResource xaResource;
        private boolean inDelivery;
        private boolean releasedHere;
        private Received taken; // what onMessage took in this delivery, counted once its transaction committed

        Endpoint(XAResource xaResource) {
            this.xaResource = xaResource;
        }

        @Override
        public void beforeDelivery(Method method) throws ResourceException {
            if (releasedHere || inDelivery) {
                throw new IllegalStateException("beforeDelivery out of sequence");
            }
            inDelivery = true;
            if (transactions != null && xaResource != null) {
                try {
                    transactions.begin();
                    transactions.getTransaction().enlistResource(xaResource);
                } catch (Exception e) {
                    throw new ResourceException("Beginning the delivery's transaction failed", e);
                }
            }
        }

        @Override
        public void onMessage(Message message) {
            synchronized (TestEndpointFactory.this) {
                attempts++;
                concurrent++;
                mostConcurrent = Math.max(mostConcurrent, concurrent);
                TestEndpointFactory.this.notifyAll();
            }
            try {
                bean.onMessage(message);
                taken = new Received(message instanceof TextMessage text ? text.getText() : null,
                        message.getIntProperty("JMSXDeliveryCount"), message.getJMSMessageID());
            } catch (Exception e) {
                if (transactions != null && xaResource != null) {
                    try {
                        transactions.setRollbackOnly();
                    } catch (Exception notInTransaction) {
                        e.addSuppressed(notInTransaction);
                    }
                }
                throw e instanceof RuntimeException runtime ? runtime : new RuntimeException(e);
            } finally {
                synchronized (TestEndpointFactory.this) {
                    concurrent--;
                    TestEndpointFactory.this.notifyAll();
                }
            }
        }

        @Override
        public void afterDelivery() throws ResourceException {
            if (!inDelivery) {
                throw new IllegalStateException("afterDelivery without beforeDelivery");
            }
            inDelivery = false;
            Received completed = taken;
            taken = null;
            if (transactions != null && xaResource != null) {
                try {
                    if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                        transactions.rollback();
                        count(false);
                        return;
                    }
                    transactions.commit();
                    count(true);
                } catch (Exception e) {
                    count(false);
                    throw new ResourceException("Completing the delivery's transaction failed", e);
                }
            }
            if (completed != null) {
                synchronized (TestEndpointFactory.this) {
                    received.add(completed);
                    TestEndpointFactory.this.notifyAll();
                }
            }
        }

        @Override
        public void release() {
            releasedHere = true;
            synchronized (TestEndpointFactory.this) {
                released++;
            }
        }
    }

    private synchronized void count(boolean commit) {
        if (commit) {
            committed++;
        } else {
            rolledBack++;
        }
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized List<String> receivedTexts() {
        return received.stream().map(Received::text).toList();
    }

    /** How many times the bean was called, thrown or not. */
    public synchronized int attempts() {
        return attempts;
    }

    public synchronized int mostConcurrent() {
        return mostConcurrent;
    }

    public synchronized int concurrent() {
        return concurrent;
    }

    public synchronized int created() {
        return created;
    }

    public synchronized int released() {
        return released;
    }

    public synchronized int committed() {
        return committed;
    }

    public synchronized int rolledBack() {
        return rolledBack;
    }

    /** Waits until the bean took {@code count} messages or {@code limit} passed; answers how many it took. */
    public synchronized int awaitReceived(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return received.size();
    }

    /** Waits until {@code count} deliveries are in the bean at once or {@code limit} passed; answers how many are. */
    public synchronized int awaitConcurrent(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (concurrent < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return concurrent;
    }

    /** Waits until the bean was called {@code count} times or {@code limit} passed; answers how many times. */
    public synchronized int awaitAttempts(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (attempts < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return attempts;
    }

    /** Text of a message, for beans. */
    public static String text(Message message) throws JMSException {
        return ((TextMessage) message).getText();
    }
}
