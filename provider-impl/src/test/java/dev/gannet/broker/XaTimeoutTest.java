package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.text;
import static dev.gannet.broker.BrokerDriver.xid;
import static javax.transaction.xa.XAException.XA_RBTIMEOUT;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Branch timeouts: a branch not prepared within its timeout ({@code XaStart.timeoutSeconds}, or the broker's
 * {@code transactionTimeout}) is rolled back by the broker, and later calls on its Xid answer {@code XA_RBTIMEOUT}; a
 * prepared branch never times out. The waits are for the broker's event, with a deadline; nothing is timed.
 */
class XaTimeoutTest {

    private static final BranchId XID = xid("slow", "gannet");

    private final List<BrokerDriver> drivers = new ArrayList<>();
    private final LinkedBlockingQueue<BrokerEvent> events = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        drivers.forEach(BrokerDriver::close);
    }

    private Client client(Duration brokerTimeout) throws Exception {
        BrokerDriver driver = new BrokerDriver(BrokerConfig.builder().name("xa-timeouts-" + drivers.size())
                .dataDirectory(Path.of("target", "unused")).destinations(DestinationPolicies.none())
                .inMemoryStore().transactionTimeout(brokerTimeout).build());
        drivers.add(driver);
        driver.broker().addListener(events::add);
        Client client = driver.connect(null);
        client.session(1, false);
        client.session(2, false);
        return client;
    }

    /** Waits (up to the deadline) until the broker rolled {@code xid} back because it timed out. */
    private void awaitTimedOut(BranchId xid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BrokerDriver.DEADLINE_SECONDS);
        while (System.nanoTime() < deadline) {
            BrokerEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event instanceof BrokerEvent.XaBranchRolledBack rolledBack && rolledBack.xid().equals(xid)) {
                assertEquals(true, rolledBack.timedOut(), "rolled back because it timed out");
                return;
            }
        }
        throw new AssertionError("Branch " + xid + " was not rolled back within " + BrokerDriver.DEADLINE_SECONDS
                + " s");
    }

    @Test
    void aBranchNotPreparedWithinItsTimeoutIsRolledBackAndLaterCallsOnItAnswerRbtimeout() throws Exception {
        Client client = client(BrokerConfig.DEFAULT_TRANSACTION_TIMEOUT);
        client.send(2, queue("xa"), "consumed");
        client.consumer(1, 1, queue("xa"));
        Delivery delivery = client.receive();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 1));
        client.send(1, queue("xa"), "dropped");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of(delivery.deliveryId())));

        awaitTimedOut(XID);

        assertEquals(XA_RBTIMEOUT, client.xaError(new Command.XaPrepare(XID)));
        assertEquals(XA_RBTIMEOUT, client.xaError(new Command.XaCommit(XID, true)));
        assertEquals(XA_RBTIMEOUT, client.xaError(new Command.XaCommit(XID, false)));
        assertEquals(XA_RBTIMEOUT, client.xaError(new Command.XaRollback(XID)));
        assertEquals(XA_RBTIMEOUT, client.xaError(new Command.XaStart(2, XID, TMJOIN, 0)));
        assertEquals(XA_RBTIMEOUT, client.xaError(new Command.XaEnd(1, XID, TMSUCCESS, List.of())));
        Delivery returned = client.receive();
        assertEquals("consumed", text(returned.encoded()));
        assertEquals(2, returned.deliveryCount());
        client.call(new Command.CloseConsumer(1, 1, List.of()));
        assertEquals(List.of("consumed"), client.browse(queue("xa")), "the send was dropped");
    }

    @Test
    void theBrokersTransactionTimeoutAppliesToABranchThatNamesNone() throws Exception {
        Client client = client(Duration.ofSeconds(1));
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "dropped");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));

        awaitTimedOut(XID);
        assertEquals(XA_RBTIMEOUT, client.xaError(new Command.XaCommit(XID, true)));
        assertEquals(List.of(), client.browse(queue("xa")));
    }

    @Test
    void aPreparedBranchDoesNotTimeOut() throws Exception {
        Client client = client(BrokerConfig.DEFAULT_TRANSACTION_TIMEOUT);
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 1));
        client.send(1, queue("xa"), "kept");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));
        try {
            assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        } catch (JMSException timedOutFirst) {
            Assumptions.abort("The box was too slow to prepare within one second: " + timedOutFirst.getMessage());
        }
        // Its timeout would have come before that of a branch started after it prepared, with the same timeout:
        BranchId later = xid("later", "gannet");
        client.call(new Command.XaStart(1, later, TMNOFLAGS, 1));
        client.call(new Command.XaEnd(1, later, TMSUCCESS, List.of()));
        awaitTimedOut(later);

        assertEquals(List.of(XID), client.call(new Command.XaRecover()));
        client.call(new Command.XaCommit(XID, false));
        assertEquals(List.of("kept"), client.browse(queue("xa")));
    }
}
