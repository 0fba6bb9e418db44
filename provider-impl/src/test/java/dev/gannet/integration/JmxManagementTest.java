package dev.gannet.integration;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.MessageProperties;
import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.ConnectionMXBean;
import dev.gannet.api.management.DestinationInfo;
import dev.gannet.api.management.MessageInfo;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.api.management.SubscriptionMXBean;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's MXBeans (issue 16, JMX), read and used only through the platform MBean server and
 * {@link JMX#newMXBeanProxy}, over a real Derby store: figures, browsing, remove, move, retry, purge, pause, connections,
 * queues created and deleted, and beans that follow what the broker holds. Operations that go through the store are
 * checked across a broker restart. Every test ends with no bean of its broker left ({@link BrokerTestSupport}).
 */
class JmxManagementTest extends BrokerTestSupport {

    private static final String BODY_1K = "x".repeat(1024);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    DestinationPolicies destinations() {
        return DestinationPolicies.builder()
                .add("jmx.dead.#", DestinationSettings.builder().maxDeliveryAttempts(2).deadLetterQueue("jmx.DLQ")
                        .build())
                .add("jmx.expiring", DestinationSettings.builder().expiryQueue("jmx.expired").build())
                .add("jmx.paged.#", DestinationSettings.builder().memoryWindowBytes(4 * 1024).build())
                .build();
    }

    // ---- figures

    @Test
    void queueFiguresCountSendsDeliveriesAcknowledgementsAndDuplicates() throws Exception {
        long before = System.currentTimeMillis();
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("jmx.figures");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("a"));
        for (int i = 0; i < 2; i++) {
            TextMessage twice = session.createTextMessage("b");
            twice.setStringProperty(MessageProperties.DUPLICATE_ID, "b-1");
            producer.send(twice);
        }
        QueueMXBean figures = queue("jmx.figures");

        assertEquals("jmx.figures", figures.getName());
        assertFalse(figures.isTemporary());
        assertEquals(2, figures.getDepth());
        assertTrue(figures.getBytes() > 0, "bytes " + figures.getBytes());
        assertEquals(2, figures.getEnqueuedCount());
        assertEquals(1, figures.getDuplicatesDroppedCount());
        assertEquals(0, figures.getDeliveredCount());
        assertEquals(0, figures.getPagedCount());
        assertTrue(figures.getMemoryBytes() > 0, "memory " + figures.getMemoryBytes());
        long age = figures.getOldestMessageAgeMillis();
        assertTrue(age >= 0 && age <= System.currentTimeMillis() - before, "age " + age);
        assertEquals(figures.getStatistics().enqueued(), figures.getEnqueuedCount());

        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        Message last = receive(consumer);
        assertEquals(1, figures.getConsumerCount());
        last.acknowledge();
        awaitValue("acknowledged", 2, figures::getAcknowledgedCount);
        assertEquals(2, figures.getDeliveredCount());
        assertEquals(0, figures.getDepth());
        assertEquals(0, figures.getBytes());
        assertEquals(0, figures.getOldestMessageAgeMillis(), "nothing waits");
    }

    @Test
    void expiredAndDeadLetteredMessagesAreCountedWhereTheyLeftAndWhereTheyArrived() throws Exception {
        Session session = session(Session.SESSION_TRANSACTED);
        Queue expiring = session.createQueue("jmx.expiring");
        session.createProducer(expiring).send(session.createTextMessage("late"), DeliveryMode.PERSISTENT, 4, 50);
        Queue dead = session.createQueue("jmx.dead.orders");
        session.createProducer(dead).send(session.createTextMessage("poison"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(dead);
        for (int attempt = 0; attempt < 2; attempt++) {
            receive(consumer);
            session.rollback();
        }

        awaitValue("expired", 1, queue("jmx.expiring")::getExpiredCount);
        awaitValue("dead-lettered", 1, queue("jmx.dead.orders")::getDeadLetteredCount);
        assertEquals(2, queue("jmx.dead.orders").getDeliveredCount());
        awaitValue("in the expiry queue", 1, () -> depthOf("jmx.expired"));
        awaitValue("in the dead-letter queue", 1, () -> depthOf("jmx.DLQ"));
        assertEquals(1, queue("jmx.DLQ").getEnqueuedCount());
    }

    // ---- browsing

    @Test
    void browseShowsAPageOfWaitingMessagesWithTheirHeadersPropertiesAndBodies() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jmx.paged.browse");
        MessageProducer producer = session.createProducer(queue);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            TextMessage message = session.createTextMessage(n + ":" + BODY_1K);
            message.setIntProperty("n", n);
            message.setJMSCorrelationID("order-" + n);
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        QueueMXBean browsed = queue("jmx.paged.browse");
        assertTrue(browsed.getPagedCount() > 0, "a deep queue pages: " + browsed.getPagedCount());

        assertEquals(ids.subList(0, 10), idsOf(browsed.browse(0, 10)));
        assertEquals(ids.subList(10, 20), idsOf(browsed.browse(10, 10)));
        assertEquals(ids.subList(25, 30), idsOf(browsed.browse(25, 10)));
        assertEquals(List.of(), browsed.browse(30, 10));
        assertEquals(ids.subList(28, 30), idsOf(browsed.browse("n >= 28", 0, 10)));
        assertEquals(List.of(ids.get(29)), idsOf(browsed.browse("n >= 28", 1, 10)));

        MessageInfo first = browsed.browse(0, 1).get(0);
        assertEquals("TextMessage", first.bodyType());
        assertEquals("queue://jmx.paged.browse", first.destination());
        assertEquals("order-0", first.correlationId());
        assertEquals("PERSISTENT", first.deliveryMode());
        assertEquals(4, first.priority());
        assertEquals("0", first.properties().get("n"));
        assertTrue(first.timestamp() > 0);
        assertTrue(first.size() > 1024, "size " + first.size());
        assertEquals(("0:" + BODY_1K).substring(0, MessageInfo.PREVIEW_LENGTH) + "...", first.bodyPreview());
        assertEquals(30, browsed.getDepth(), "browsing takes nothing");

        assertThrows(IllegalArgumentException.class, () -> browsed.browse(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> browsed.browse(0, 0));
        IllegalArgumentException badSelector = assertThrows(IllegalArgumentException.class,
                () -> browsed.browse("n >", 0, 10));
        assertTrue(badSelector.getMessage().contains("n >"), badSelector.getMessage());
    }

    @Test
    void browsePreviewsEveryKindOfBody() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jmx.bodies");
        MessageProducer producer = session.createProducer(queue);
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3, (byte) 0xff});
        producer.send(bytes);
        MapMessage map = session.createMapMessage();
        map.setString("b", "x");
        map.setInt("a", 1);
        producer.send(map);
        producer.send(session.createObjectMessage(new java.util.ArrayList<>(List.of("secret"))));
        producer.send(session.createMessage());

        List<MessageInfo> page = queue("jmx.bodies").browse(0, 10);
        assertEquals(List.of("BytesMessage", "MapMessage", "ObjectMessage", "Message"),
                page.stream().map(MessageInfo::bodyType).toList());
        assertEquals("010203ff", page.get(0).bodyPreview());
        assertEquals("{a=1, b=x}", page.get(1).bodyPreview());
        assertFalse(page.get(2).bodyPreview().contains("secret"), "an object message is not deserialized");
        assertEquals("", page.get(3).bodyPreview());
    }

    // ---- remove, purge

    @Test
    void removeConsumesOneMessageByItsIdThroughTheStore() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jmx.remove");
        List<String> ids = send(session, queue, 3);
        QueueMXBean removing = queue("jmx.remove");

        assertTrue(removing.removeMessage(ids.get(1)));
        assertFalse(removing.removeMessage(ids.get(1)), "it is gone");
        assertFalse(removing.removeMessage("ID:no-such-message"));
        assertEquals(2, removing.getDepth());
        assertEquals(1, removing.getAcknowledgedCount());

        stopBroker();
        Session again = session(Session.AUTO_ACKNOWLEDGE);
        assertEquals(2, queue("jmx.remove").getDepth(), "after a restart");
        MessageConsumer consumer = again.createConsumer(again.createQueue("jmx.remove"));
        assertEquals(ids.get(0), receive(consumer).getJMSMessageID());
        assertEquals(ids.get(2), receive(consumer).getJMSMessageID());
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void purgeConsumesEveryWaitingMessageInMemoryAndInTheStore() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jmx.paged.purge");
        MessageProducer producer = session.createProducer(queue);
        for (int n = 0; n < 25; n++) {
            producer.send(session.createTextMessage(BODY_1K));
        }
        QueueMXBean purged = queue("jmx.paged.purge");
        assertTrue(purged.getPagedCount() > 0, "paged " + purged.getPagedCount());

        assertEquals(25, purged.purge());
        assertEquals(0, purged.getDepth());
        assertEquals(0, purged.getPagedCount());
        assertEquals(25, purged.getAcknowledgedCount());
        assertEquals(0, purged.purge(), "nothing is left");

        stopBroker();
        Session again = session(Session.AUTO_ACKNOWLEDGE);
        assertEquals(0, queue("jmx.paged.purge").getDepth(), "after a restart");
        assertNull(again.createConsumer(again.createQueue("jmx.paged.purge")).receive(ABSENT));
    }

    // ---- move, retry

    @Test
    void moveTakesOneSelectedOrAllMessagesToAnotherQueue() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue from = session.createQueue("jmx.move.from");
        MessageProducer producer = session.createProducer(from);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            TextMessage message = session.createTextMessage("m" + n);
            message.setStringProperty("colour", n % 2 == 0 ? "red" : "blue");
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        QueueMXBean source = queue("jmx.move.from");

        assertTrue(source.moveMessage(ids.get(0), "jmx.move.red"));
        assertEquals(2, source.moveMessages("colour = 'red'", "jmx.move.red"));
        assertEquals(3, source.moveMessages(null, "jmx.move.rest"));
        assertEquals(0, source.getDepth());
        assertEquals(3, queue("jmx.move.red").getDepth());
        assertEquals(3, queue("jmx.move.red").getEnqueuedCount());
        assertFalse(source.moveMessage(ids.get(0), "jmx.move.red"), "it left");
        assertThrows(IllegalArgumentException.class, () -> queue("jmx.move.red").moveMessages("", "jmx.move.red"));

        stopBroker();
        Session again = session(Session.AUTO_ACKNOWLEDGE);
        assertEquals(0, queue("jmx.move.from").getDepth(), "after a restart");
        MessageConsumer red = again.createConsumer(again.createQueue("jmx.move.red"));
        for (int n = 0; n < 6; n += 2) {
            TextMessage moved = (TextMessage) receive(red);
            assertEquals(ids.get(n), moved.getJMSMessageID(), "a moved message keeps its ID");
            assertEquals("m" + n, moved.getText());
            assertEquals(again.createQueue("jmx.move.red"), moved.getJMSDestination());
            assertEquals(1, moved.getIntProperty("JMSXDeliveryCount"));
        }
        MessageConsumer rest = again.createConsumer(again.createQueue("jmx.move.rest"));
        for (int n = 1; n < 6; n += 2) {
            assertEquals(ids.get(n), receive(rest).getJMSMessageID());
        }
        assertNull(rest.receive(ABSENT));
    }

    @Test
    void moveBySelectorReachesIntoAPagedBacklogAndMovesEachMessageOnce() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue from = session.createQueue("jmx.paged.move");
        MessageProducer producer = session.createProducer(from);
        for (int n = 0; n < 40; n++) {
            TextMessage message = session.createTextMessage(BODY_1K);
            message.setIntProperty("n", n);
            producer.send(message);
        }
        assertTrue(queue("jmx.paged.move").getPagedCount() > 0);

        assertEquals(20, queue("jmx.paged.move").moveMessages("n >= 20", "jmx.paged.moved"));

        assertEquals(List.of(0, 20), numbersIn(session, "jmx.paged.move", 20));
        assertEquals(List.of(20, 40), numbersIn(session, "jmx.paged.moved", 20));
    }

    @Test
    void retrySendsDeadLetteredAndExpiredMessagesBackToTheirQueues() throws Exception {
        Session session = session(Session.SESSION_TRANSACTED);
        Queue orders = session.createQueue("jmx.dead.orders");
        TextMessage poison = session.createTextMessage("poison");
        poison.setStringProperty("kept", "yes");
        session.createProducer(orders).send(poison);
        Queue expiring = session.createQueue("jmx.expiring");
        session.createProducer(expiring).send(session.createTextMessage("late"), DeliveryMode.PERSISTENT, 4, 50);
        session.commit();
        MessageConsumer consumer = session.createConsumer(orders);
        for (int attempt = 0; attempt < 2; attempt++) {
            receive(consumer);
            session.rollback();
        }
        awaitWaiting("jmx.DLQ", 1);
        awaitWaiting("jmx.expired", 1);
        MessageInfo dead = queue("jmx.DLQ").browse(0, 1).get(0);
        assertEquals("queue://jmx.dead.orders", dead.properties().get(MessageProperties.ORIGINAL_DESTINATION));

        assertEquals(1, queue("jmx.DLQ").retryMessages(null));
        assertTrue(queue("jmx.expired").retryMessage(queue("jmx.expired").browse(0, 1).get(0).messageId()));
        assertEquals(0, queue("jmx.DLQ").getDepth());
        assertEquals(0, queue("jmx.expired").getDepth());

        TextMessage back = (TextMessage) receive(consumer);
        assertEquals(poison.getJMSMessageID(), back.getJMSMessageID());
        assertEquals("yes", back.getStringProperty("kept"));
        assertNull(back.getStringProperty(MessageProperties.REASON), "the dead-letter properties are gone");
        assertNull(back.getStringProperty(MessageProperties.ORIGINAL_DESTINATION));
        assertEquals(1, back.getIntProperty("JMSXDeliveryCount"), "its attempts start again");
        session.commit();
        MessageConsumer late = session.createConsumer(expiring);
        assertEquals("late", ((TextMessage) receive(late)).getText());
        session.commit();
    }

    @Test
    void retrySendsADeadLetterBackToItsSubscriptionOnly() throws Exception {
        Connection connection = stoppedConnection();
        connection.setClientID("jmx-retry");
        connection.start();
        Session failing = connection.createSession(Session.SESSION_TRANSACTED);
        Session other = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = failing.createTopic("jmx.dead.prices");
        MessageConsumer subscriber = failing.createDurableConsumer(topic, "failing");
        MessageConsumer bystander = other.createDurableConsumer(topic, "bystander");
        other.createProducer(topic).send(other.createTextMessage("price"));
        receive(bystander);
        for (int attempt = 0; attempt < 2; attempt++) {
            receive(subscriber);
            failing.rollback();
        }
        awaitWaiting("jmx.DLQ", 1);
        SubscriptionMXBean failingBean = JMX.newMXBeanProxy(server,
                ObjectNames.durableSubscription(brokerName, "jmx.dead.prices", "jmx-retry", "failing"),
                SubscriptionMXBean.class);
        assertEquals(1, failingBean.getDeadLetteredCount());

        assertEquals(1, queue("jmx.DLQ").retryMessages("_GANNET_ORIGINAL_SUBSCRIPTION = 'failing'"));

        assertEquals("price", ((TextMessage) receive(subscriber)).getText());
        failing.commit();
        assertNull(bystander.receive(ABSENT), "the topic's other subscription does not get it again");
    }

    // ---- pause

    @Test
    void pauseStopsDeliveryUntilResume() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jmx.pause");
        MessageConsumer consumer = session.createConsumer(queue);
        QueueMXBean paused = queue("jmx.pause");

        paused.pause();
        assertTrue(paused.isPaused());
        session.createProducer(queue).send(session.createTextMessage("held"));
        assertNull(consumer.receive(ABSENT), "nothing is delivered while paused");
        assertEquals(1, paused.getDepth());
        assertEquals(0, paused.getDeliveredCount());

        paused.resume();
        assertFalse(paused.isPaused());
        assertEquals("held", ((TextMessage) receive(consumer)).getText());
    }

    // ---- connections

    @Test
    void aConnectionShowsWhoItIsAndManagementCanCloseIt() throws Exception {
        long before = System.currentTimeMillis();
        Connection connection = stoppedConnection();
        connection.setClientID("jmx-connection");
        connection.start();
        CountDownLatch heard = new CountDownLatch(1);
        AtomicReference<JMSException> failure = new AtomicReference<>();
        connection.setExceptionListener(exception -> {
            failure.set(exception);
            heard.countDown();
        });
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        session.createConsumer(session.createQueue("jmx.connected"));
        ObjectName name = connectionNamed("jmx-connection");
        ConnectionMXBean bean = JMX.newMXBeanProxy(server, name, ConnectionMXBean.class);

        assertEquals(ObjectNames.connection(brokerName, bean.getId()), name);
        assertNull(bean.getUser(), "the broker authenticates nobody");
        assertEquals(2, bean.getSessionCount());
        assertEquals(1, bean.getConsumerCount());
        assertTrue(bean.getCreated().getTime() >= before - 1000, bean.getCreated().toString());
        if (TCP) {
            assertTrue(bean.getRemoteAddress().startsWith("127.0.0.1:"), bean.getRemoteAddress());
        } else {
            assertEquals("vm", bean.getRemoteAddress());
        }
        assertEquals(1, brokerBean().getConnectionCount());

        bean.close();

        assertTrue(heard.await(ARRIVES, TimeUnit.MILLISECONDS), "the client's ExceptionListener hears it");
        assertTrue(failure.get().getMessage().contains("management"), failure.get().getMessage());
        assertFalse(server.isRegistered(name), "its bean goes with it");
        assertEquals(0, brokerBean().getConnectionCount());
    }

    // ---- queues

    @Test
    void queuesAreCreatedAndDeletedWithTheirMessages() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        BrokerMXBean broker = brokerBean();

        broker.createQueue("jmx.created");
        broker.createQueue("jmx.created"); // exists: nothing happens
        assertTrue(server.isRegistered(ObjectNames.queue(brokerName, "jmx.created")));
        send(session, session.createQueue("jmx.created"), 2);
        assertTrue(broker.listDestinations().contains(new DestinationInfo("queue", "jmx.created", false, 2, 0, 0)),
                broker.listDestinations().toString());

        MessageConsumer busy = session.createConsumer(session.createQueue("jmx.busy"));
        assertThrows(IllegalStateException.class, () -> broker.deleteQueue("jmx.busy"), "it has a consumer");
        busy.close();
        TemporaryQueue temporary = session.createTemporaryQueue();
        assertThrows(IllegalArgumentException.class, () -> broker.deleteQueue(temporary.getQueueName()));
        assertThrows(IllegalArgumentException.class, () -> broker.createQueue(""));

        assertTrue(broker.deleteQueue("jmx.created"));
        assertFalse(broker.deleteQueue("jmx.created"), "it is gone");
        assertFalse(server.isRegistered(ObjectNames.queue(brokerName, "jmx.created")));
        assertTrue(broker.listDestinations().stream().noneMatch(info -> info.name().equals("jmx.created")));

        stopBroker();
        session(Session.AUTO_ACKNOWLEDGE);
        assertTrue(brokerBean().listDestinations().stream().noneMatch(info -> info.name().equals("jmx.created")),
                "a deleted queue is not recovered");
        assertTrue(brokerBean().listDestinations().stream().anyMatch(info -> info.name().equals("jmx.busy")));
    }

    // ---- the beans follow the broker

    @Test
    void theBrokersBeanSaysWhatItIsAndWhatItHolds() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createTopic("jmx.topic"));
        session.createProducer(session.createQueue("jmx.held")).send(session.createTextMessage("held"));
        BrokerMXBean broker = brokerBean();

        assertEquals(brokerName, broker.getName());
        assertFalse(broker.getVersion().isBlank());
        assertEquals("derby", broker.getStoreKind());
        assertEquals(dataDirectory.toAbsolutePath().toString(), broker.getStoreLocation());
        assertTrue(broker.getUptimeMillis() >= 0);
        assertTrue(broker.getStartTime().getTime() <= System.currentTimeMillis());
        assertEquals(1, broker.getConnectionCount());
        assertEquals(1, broker.getQueueCount());
        assertEquals(1, broker.getTopicCount());
        assertEquals(1, broker.getSubscriptionCount());
        assertTrue(broker.getQueueMemoryBytes() > 0, "the waiting message takes heap");
        assertEquals(Runtime.getRuntime().maxMemory() / 2, broker.getMemoryBudgetBytes(), "half the heap by default");
        assertEquals(List.of(new DestinationInfo("queue", "jmx.held", false, 1, 0, 0),
                new DestinationInfo("topic", "jmx.topic", false, 0, 1, 1)), broker.listDestinations());
    }

    @Test
    void beansComeAndGoWithQueuesSubscriptionsAndConnections() throws Exception {
        Connection connection = stoppedConnection();
        connection.setClientID("jmx-beans");
        connection.start();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("jmx.news");

        TemporaryQueue temporary = session.createTemporaryQueue();
        QueueMXBean temporaryBean = queue(temporary.getQueueName());
        assertTrue(temporaryBean.isTemporary());
        temporary.delete();
        assertFalse(server.isRegistered(ObjectNames.queue(brokerName, temporary.getQueueName())));

        MessageConsumer plain = session.createConsumer(topic);
        Set<ObjectName> nonDurable = subscriptionBeans("non-durable");
        assertEquals(1, nonDurable.size(), nonDurable.toString());
        SubscriptionMXBean plainBean = JMX.newMXBeanProxy(server, nonDurable.iterator().next(),
                SubscriptionMXBean.class);
        assertEquals("jmx.news", plainBean.getTopic());
        assertEquals("non-durable", plainBean.getKind());
        assertEquals(1, plainBean.getConsumerCount());
        plain.close();
        assertEquals(Set.of(), subscriptionBeans("non-durable"), "it goes with its consumer");

        MessageConsumer durable = session.createDurableConsumer(topic, "daily", "region = 'eu'", true);
        ObjectName durableName = ObjectNames.durableSubscription(brokerName, "jmx.news", "jmx-beans", "daily");
        SubscriptionMXBean durableBean = JMX.newMXBeanProxy(server, durableName, SubscriptionMXBean.class);
        assertEquals("daily", durableBean.getName());
        assertEquals("jmx-beans", durableBean.getClientId());
        assertEquals("region = 'eu'", durableBean.getSelector());
        assertTrue(durableBean.isNoLocal());
        assertTrue(durableBean.isDurable());
        assertFalse(durableBean.isShared());
        MessageConsumer shared = session.createSharedConsumer(topic, "team");
        assertTrue(server.isRegistered(ObjectNames.sharedSubscription(brokerName, "jmx.news", "jmx-beans", "team")));
        shared.close();
        assertFalse(server.isRegistered(ObjectNames.sharedSubscription(brokerName, "jmx.news", "jmx-beans",
                "team")));
        durable.close();
        assertTrue(server.isRegistered(durableName), "a durable subscription outlives its consumer");

        stopBroker();
        Connection again = stoppedConnection();
        assertTrue(server.isRegistered(durableName), "and is registered again when the broker recovers it");
        again.setClientID("jmx-beans");
        again.createSession().unsubscribe("daily");
        assertFalse(server.isRegistered(durableName));
    }

    // ---- helpers

    private BrokerMXBean brokerBean() {
        return JMX.newMXBeanProxy(server, ObjectNames.broker(brokerName), BrokerMXBean.class);
    }

    private QueueMXBean queue(String name) {
        ObjectName objectName = ObjectNames.queue(brokerName, name);
        assertTrue(server.isRegistered(objectName), objectName + " is registered");
        return JMX.newMXBeanProxy(server, objectName, QueueMXBean.class);
    }

    /** The depth of the queue {@code name}; 0 while it has no bean (it does not exist yet). */
    private long depthOf(String name) {
        ObjectName objectName = ObjectNames.queue(brokerName, name);
        return server.isRegistered(objectName) ? JMX.newMXBeanProxy(server, objectName, QueueMXBean.class).getDepth()
                : 0;
    }

    private ObjectName connectionNamed(String clientId) throws Exception {
        for (ObjectName name : server.queryNames(new ObjectName(ObjectNames.DOMAIN + ":broker=" + brokerName
                + ",type=Connection,*"), null)) {
            if (clientId.equals(JMX.newMXBeanProxy(server, name, ConnectionMXBean.class).getClientId())) {
                return name;
            }
        }
        throw new AssertionError("no connection bean with client ID " + clientId);
    }

    private Set<ObjectName> subscriptionBeans(String kind) throws Exception {
        return new HashSet<>(server.queryNames(new ObjectName(ObjectNames.DOMAIN + ":broker=" + brokerName
                + ",type=Subscription,kind=" + kind + ",*"), null));
    }

    private static List<String> send(Session session, Queue queue, int count) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TextMessage message = session.createTextMessage("message " + i);
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        return ids;
    }

    private static List<String> idsOf(List<MessageInfo> page) {
        return page.stream().map(MessageInfo::messageId).toList();
    }

    /**
     * Consumes {@code count} messages of the queue and answers the lowest and one past the highest of their
     * {@code n} properties, after checking that they are those numbers, each once, in order; and that no more comes.
     */
    private static List<Integer> numbersIn(Session session, String queue, int count) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(receive(consumer).getIntProperty("n"));
        }
        assertNull(consumer.receive(ABSENT), "no more in " + queue);
        consumer.close();
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(0) + i, numbers.get(i), "in order, each once: " + numbers);
        }
        return List.of(numbers.get(0), numbers.get(numbers.size() - 1) + 1);
    }

    /**
     * Waits until {@code count} messages wait in the queue {@code name}: a moved message counts in its depth once
     * routed, and waits there (can be browsed, removed, moved) once its store write committed.
     */
    private void awaitWaiting(String name, int count) throws InterruptedException {
        Deadline.awaitTrue(count + " message(s) waiting in " + name, ARRIVES,
                () -> depthOf(name) > 0 && queue(name).browse(0, 1000).size() == count);
    }

    private static void awaitValue(String what, long expected, LongSupplier actual) throws InterruptedException {
        Deadline.awaitTrue(what + " reaches " + expected, ARRIVES, () -> actual.getAsLong() == expected);
        assertEquals(expected, actual.getAsLong(), what);
    }
}
