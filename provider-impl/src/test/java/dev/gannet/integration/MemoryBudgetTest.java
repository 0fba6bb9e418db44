package dev.gannet.integration;

import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;

import javax.management.JMX;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker-wide memory budget (here 64 KiB, about 45 waiting messages of 1 KiB in all queues together): queues
 * without a memory window of their own hold their backlog in heap until the budget is used up, then page; every
 * queue drains, in order and exactly once, and one queue holding the budget does not starve another.
 */
class MemoryBudgetTest extends BrokerTestSupport {

    private static final long BUDGET = 64 * 1024;
    private static final int COUNT = 300;
    private static final String BODY = "b".repeat(1024);

    @Override
    long memoryBudgetBytes() {
        return BUDGET;
    }

    @Test
    void twoQueuesFillingPastTheBudgetBothPageAndBothDrainInOrder() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue first = session.createQueue("budget.first");
        Queue second = session.createQueue("budget.second");
        fill(session, first);
        fill(session, second);

        assertEquals(BUDGET, brokerBean().getMemoryBudgetBytes());
        assertTrue(queue("budget.first").getPagedCount() > 0, "the first queue pages once the budget is used up");
        assertEquals(COUNT, queue("budget.second").getPagedCount(), "the budget was used up before the second began");
        assertTrue(brokerBean().getQueueMemoryBytes() <= BUDGET + 2048, "no more than the budget is held: "
                + brokerBean().getQueueMemoryBytes());

        assertEquals(sequence(), drain(session.createConsumer(first)));
        assertEquals(sequence(), drain(session.createConsumer(second)));
        assertEquals(0, brokerBean().getQueueMemoryBytes(), "drained queues hold nothing of the budget");
    }

    @Test
    void aQueueWithoutConsumersHoldingTheBudgetDoesNotStarveAnother() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue idle = session.createQueue("budget.idle");
        Queue busy = session.createQueue("budget.busy");
        fill(session, idle);
        fill(session, busy);
        long heldByIdle = queue("budget.idle").getMemoryBytes();
        assertTrue(heldByIdle >= BUDGET / 2, "the idle queue holds the budget: " + heldByIdle);

        assertEquals(sequence(), drain(session.createConsumer(busy)));
        assertEquals(heldByIdle, queue("budget.idle").getMemoryBytes(), "the idle queue kept what it held");
        assertEquals(COUNT, queue("budget.idle").getDepth());
    }

    @Test
    void aPagedBacklogReadBackAfterARestartDrainsInOrderWithinTheBudget() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("budget.restart");
        fill(session, queue);
        stopBroker();

        Session after = session(Session.AUTO_ACKNOWLEDGE);
        assertEquals(sequence(), drain(after.createConsumer(queue)));
    }

    /** Sends {@link #COUNT} persistent 1 KiB messages numbered by the property "seq" from 0. */
    private static void fill(Session session, Queue queue) throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < COUNT; i++) {
            Message message = session.createTextMessage(BODY);
            message.setIntProperty("seq", i);
            producer.send(message);
        }
    }

    /** Receives {@link #COUNT} messages, each may take {@link #ARRIVES}, then checks that no more come. */
    private static List<Integer> drain(MessageConsumer consumer) throws Exception {
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            seqs.add(receive(consumer).getIntProperty("seq"));
        }
        assertNull(consumer.receive(ABSENT), "more messages than were sent");
        return seqs;
    }

    private static List<Integer> sequence() {
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            seqs.add(i);
        }
        return seqs;
    }

    private BrokerMXBean brokerBean() {
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), ObjectNames.broker(brokerName),
                BrokerMXBean.class);
    }

    private QueueMXBean queue(String name) {
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), ObjectNames.queue(brokerName, name),
                QueueMXBean.class);
    }
}
