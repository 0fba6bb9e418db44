package dev.gannet.integration;

import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.Permissions;
import dev.gannet.api.Permissions.Action;
import dev.gannet.broker.Broker;
import dev.gannet.broker.BrokerEvent;
import dev.gannet.broker.BrokerListener;
import dev.gannet.message.GannetQueue;
import dev.gannet.message.GannetTopic;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionRolledBackException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's authorization matrix, on the build's transport (vm, and tcp in the second pass): every action of
 * {@link Permissions.Action} tried by a user whose roles grant every action but that one (refused with a
 * {@link JMSSecurityException} naming the user, the action and the destination, or a
 * {@link JMSSecurityRuntimeException} in the simplified API, and nothing changed: no message stored, no consumer,
 * subscription or destination made, nothing deleted) and by {@code admin}, granted all (carried out). Then: rights
 * follow a rewritten roles file without reconnecting; a temporary destination is consumed and browsed only by its
 * own connection and sent to by others with the right; the most specific pattern decides. {@code MANAGE} has no
 * command yet (issue 16), so it has no row here.
 */
@Timeout(120)
class AuthorizationMatrixTest {

    private static final String ADMIN = "admin";
    private static final String APP = "app";
    private static final String RESPONDER = "responder";
    private static final String RELOADED = "reloaded";
    private static final String QUEUE = "matrix.orders";
    private static final String TOPIC = "matrix.prices";
    private static final String MISSING = "matrix.fresh";

    /**
     * {@code admin} may do everything on {@code matrix.#} and temporary destinations; role {@code no-ACTION} every
     * action but ACTION there. {@code #} lets {@code app} send, consume and create; {@code secret.#} decides for
     * its destinations, and grants {@code app} only sending; the exact {@code secret.exact} only consuming.
     * {@code responder} may only send to temporary destinations.
     */
    private static final Permissions PERMISSIONS = permissions();

    @TempDir
    Path directory;
    private SecuredBrokerFixture fixture;

    private static Permissions permissions() {
        Permissions.Builder builder = Permissions.builder()
                .grantAll("matrix.#", ADMIN).grantAll(Permissions.TEMPORARY, ADMIN)
                .grant("#", Action.SEND, APP).grant("#", Action.CONSUME, APP).grant("#", Action.CREATE_DESTINATION, APP)
                .grant("secret.#", Action.SEND, APP)
                .grant("secret.exact", Action.CONSUME, APP)
                .grant(Permissions.TEMPORARY, Action.SEND, RESPONDER);
        for (Action action : Action.values()) {
            for (Action other : Action.values()) {
                if (other != action) {
                    builder.grant("matrix.#", other, role(action)).grant(Permissions.TEMPORARY, other, role(action));
                }
            }
        }
        return builder.build();
    }

    /** The role granted every action but {@code action}. */
    private static String role(Action action) {
        return "no-" + action.key();
    }

    /** The user whose one role is {@link #role}. */
    private static String without(Action action) {
        return "without-" + action.key();
    }

    /** The roles file: {@code reloaded} is an admin or a guest. */
    private static Map<String, String> roles(boolean reloadedIsAdmin) {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(ADMIN, reloadedIsAdmin ? ADMIN + ", " + RELOADED : ADMIN);
        roles.put("guest", reloadedIsAdmin ? "" : RELOADED);
        roles.put(APP, APP);
        roles.put(RESPONDER, RESPONDER);
        for (Action action : Action.values()) {
            roles.put(role(action), without(action));
        }
        return roles;
    }

    @BeforeEach
    void startBroker() throws Exception {
        List<String> users = new ArrayList<>(List.of(ADMIN, APP, RESPONDER, RELOADED));
        for (Action action : Action.values()) {
            users.add(without(action));
        }
        fixture = new SecuredBrokerFixture(directory, users, roles(false), PERMISSIONS);
        fixture.broker().declareQueue(QUEUE);
        fixture.broker().declareTopic(TOPIC);
    }

    @AfterEach
    void stopBroker() throws Exception {
        fixture.close();
    }

    private Broker broker() {
        return fixture.broker();
    }

    /** {@code "User U (connection N, client ID U) may not WHAT"}. */
    private static void assertNamesUserActionDestination(String user, String what, Exception refusal) {
        String expected = Pattern.quote("User " + user + " (connection ") + "\\d+" + Pattern.quote(", client ID "
                + user + ") may not " + what);
        assertTrue(refusal.getMessage().matches(expected), refusal.getMessage() + " should match " + expected);
    }

    // ---- the matrix: one row per action, allowed and refused, classic and simplified API

    /** One action tried: its refusal, what must be unchanged after it, and its effect when allowed. */
    private abstract class Row {
        /** What the refusal says the user may not do. */
        abstract String refused(String user);

        /** Prepares the broker for {@code user}'s attempt (as that user if needed). */
        void prepare(String user) throws Exception {
        }

        /** The attempt, in the classic API. */
        abstract void attempt(Session session) throws JMSException;

        /** The attempt, in the simplified API. */
        abstract void attempt(JMSContext context);

        /** After a refused attempt of {@code user}: nothing it would have done is done. */
        abstract void assertUnchanged(String user) throws Exception;

        /** After {@code user}'s attempt was carried out: it is done. */
        abstract void assertDone(String user) throws Exception;
    }

    private Row row(Action action) {
        return switch (action) {
            case SEND -> new Row() {
                String refused(String user) {
                    return "send to queue://" + QUEUE;
                }

                void attempt(Session session) throws JMSException {
                    session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage("sent"));
                }

                void attempt(JMSContext context) {
                    context.createProducer().send(context.createQueue(QUEUE), "sent");
                }

                void assertUnchanged(String user) throws Exception {
                    assertEquals(0, statistics(queue(QUEUE)).enqueued(), "no message stored");
                    assertEquals(List.of(), browse(QUEUE));
                }

                void assertDone(String user) throws Exception {
                    assertEquals(List.of("sent"), browse(QUEUE));
                }
            };
            case CONSUME -> new Row() {
                String refused(String user) {
                    return "consume from queue://" + QUEUE;
                }

                void prepare(String user) throws Exception {
                    sendOnce(QUEUE, "waiting");
                }

                void attempt(Session session) throws JMSException {
                    MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
                    assertNotNull(consumer.receive(BrokerTestSupport.ARRIVES));
                }

                void attempt(JMSContext context) {
                    assertNotNull(context.createConsumer(context.createQueue(QUEUE))
                            .receive(BrokerTestSupport.ARRIVES));
                }

                void assertUnchanged(String user) throws Exception {
                    assertEquals(0, statistics(queue(QUEUE)).consumers(), "no consumer registered");
                    assertEquals(0, statistics(queue(QUEUE)).delivered());
                    assertEquals(List.of("waiting"), browse(QUEUE));
                }

                void assertDone(String user) throws Exception {
                    assertEquals(1, statistics(queue(QUEUE)).delivered());
                }
            };
            case BROWSE -> new Row() {
                String refused(String user) {
                    return "browse queue://" + QUEUE;
                }

                void prepare(String user) throws Exception {
                    sendOnce(QUEUE, "waiting");
                }

                void attempt(Session session) throws JMSException {
                    QueueBrowser browser = session.createBrowser(session.createQueue(QUEUE));
                    assertTrue(browser.getEnumeration().hasMoreElements());
                }

                void attempt(JMSContext context) {
                    try {
                        assertTrue(context.createBrowser(context.createQueue(QUEUE)).getEnumeration()
                                .hasMoreElements());
                    } catch (JMSException e) {
                        throw new AssertionError(e);
                    }
                }

                void assertUnchanged(String user) throws Exception {
                    assertEquals(List.of("waiting"), browse(QUEUE));
                    assertEquals(0, statistics(queue(QUEUE)).delivered());
                }

                void assertDone(String user) throws Exception {
                    assertEquals(List.of("waiting"), browse(QUEUE), "a browser takes nothing");
                }
            };
            case CREATE_DURABLE_SUBSCRIPTION -> new Row() {
                String refused(String user) {
                    return "create a durable subscription on topic://" + TOPIC;
                }

                void attempt(Session session) throws JMSException {
                    session.createDurableConsumer(session.createTopic(TOPIC), "durable");
                }

                void attempt(JMSContext context) {
                    context.createDurableConsumer(context.createTopic(TOPIC), "durable");
                }

                void assertUnchanged(String user) throws Exception {
                    assertThrows(InvalidDestinationException.class,
                            () -> broker().subscriptionStatistics(user, "durable", true), "no subscription made");
                    try (Connection connection = fixture.connection(user)) {
                        assertThrows(InvalidDestinationException.class,
                                () -> connection.createSession().unsubscribe("durable"), "nothing to unsubscribe");
                    }
                }

                void assertDone(String user) throws Exception {
                    assertNotNull(broker().subscriptionStatistics(user, "durable", true));
                }
            };
            case CREATE_SHARED_SUBSCRIPTION -> new Row() {
                String refused(String user) {
                    return "create a shared subscription on topic://" + TOPIC;
                }

                void attempt(Session session) throws JMSException {
                    session.createSharedConsumer(session.createTopic(TOPIC), "shared");
                }

                void attempt(JMSContext context) {
                    context.createSharedConsumer(context.createTopic(TOPIC), "shared");
                }

                void assertUnchanged(String user) throws Exception {
                    assertThrows(InvalidDestinationException.class,
                            () -> broker().subscriptionStatistics(user, "shared", false), "no subscription made");
                    assertEquals(0, statistics(topic(TOPIC)).consumers());
                }

                void assertDone(String user) throws Exception {
                    assertEquals(1, broker().subscriptionStatistics(user, "shared", false).consumers());
                }
            };
            case DELETE_DURABLE_SUBSCRIPTION -> new Row() {
                String refused(String user) {
                    return "delete durable subscription 'kept' of topic://" + TOPIC;
                }

                /** The user's own durable subscription, holding one message (the user may create it). */
                void prepare(String user) throws Exception {
                    try (Connection connection = fixture.connection(user)) {
                        Session session = connection.createSession();
                        session.createDurableConsumer(session.createTopic(TOPIC), "kept").close();
                    }
                    try (Connection admin = fixture.connectionWithoutClientId(ADMIN)) {
                        send(admin.createSession(), topic(TOPIC), "kept for the subscription");
                    }
                }

                void attempt(Session session) throws JMSException {
                    session.unsubscribe("kept");
                }

                void attempt(JMSContext context) {
                    context.unsubscribe("kept");
                }

                void assertUnchanged(String user) throws Exception {
                    assertEquals(1, broker().subscriptionStatistics(user, "kept", true).depth(),
                            "the subscription and its message are kept");
                }

                void assertDone(String user) {
                    assertThrows(InvalidDestinationException.class,
                            () -> broker().subscriptionStatistics(user, "kept", true));
                }
            };
            case CREATE_DESTINATION -> new Row() {
                String refused(String user) {
                    return "create queue://" + MISSING;
                }

                void attempt(Session session) throws JMSException {
                    session.createProducer(null).send(session.createQueue(MISSING), session.createTextMessage("new"));
                }

                void attempt(JMSContext context) {
                    context.createProducer().send(context.createQueue(MISSING), "new");
                }

                void assertUnchanged(String user) throws Exception {
                    assertThrows(InvalidDestinationException.class, () -> statistics(queue(MISSING)),
                            "no queue created");
                    try (Connection connection = fixture.connection(user)) {
                        Session session = connection.createSession();
                        Queue missing = session.createQueue(MISSING);
                        assertThrows(JMSSecurityException.class, () -> session.createConsumer(missing));
                        assertThrows(JMSSecurityException.class, () -> session.createBrowser(missing)
                                .getEnumeration());
                        assertThrows(JMSSecurityException.class, () -> session.createProducer(missing));
                        assertThrows(JMSSecurityException.class, () -> session.createProducer(null)
                                .send(session.createTopic(MISSING), session.createTextMessage("new")));
                    }
                    assertThrows(InvalidDestinationException.class, () -> statistics(queue(MISSING)));
                    assertThrows(InvalidDestinationException.class, () -> statistics(topic(MISSING)),
                            "no topic registered");
                }

                void assertDone(String user) throws Exception {
                    assertEquals(1, statistics(queue(MISSING)).enqueued());
                }
            };
            case CREATE_TEMPORARY -> new Row() {
                private final List<BrokerEvent> created = new CopyOnWriteArrayList<>();
                private final BrokerListener listener = event -> {
                    if (event instanceof BrokerEvent.DestinationCreated) {
                        created.add(event);
                    }
                };

                String refused(String user) {
                    return "create a temporary queue";
                }

                void prepare(String user) {
                    created.clear();
                    broker().addListener(listener);
                }

                void attempt(Session session) throws JMSException {
                    session.createTemporaryQueue();
                }

                void attempt(JMSContext context) {
                    context.createTemporaryQueue();
                }

                void assertUnchanged(String user) throws Exception {
                    broker().removeListener(listener);
                    assertEquals(List.of(), created, "no temporary queue created");
                    try (Connection connection = fixture.connection(user)) {
                        assertThrows(JMSSecurityException.class,
                                () -> connection.createSession().createTemporaryTopic());
                    }
                }

                void assertDone(String user) {
                    broker().removeListener(listener);
                    assertEquals(1, created.size());
                }
            };
            case MANAGE -> throw new IllegalArgumentException("no command manages a destination yet (issue 16)");
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Action.class, names = "MANAGE", mode = EnumSource.Mode.EXCLUDE)
    void eachActionIsRefusedWithoutItsPermissionChangingNothingAndCarriedOutWithIt(Action action) throws Exception {
        Row row = row(action);
        String refusedUser = without(action);
        row.prepare(refusedUser);
        JMSSecurityException refusal;
        try (Connection refused = fixture.connection(refusedUser)) {
            Session session = refused.createSession();
            refusal = assertThrows(JMSSecurityException.class, () -> row.attempt(session));
        }

        assertNamesUserActionDestination(refusedUser, row.refused(refusedUser), refusal);
        row.assertUnchanged(refusedUser);

        row.prepare(ADMIN);
        try (Connection admin = fixture.connection(ADMIN)) {
            row.attempt(admin.createSession());
            row.assertDone(ADMIN);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Action.class, names = "MANAGE", mode = EnumSource.Mode.EXCLUDE)
    void theSimplifiedApiRefusesWithJMSSecurityRuntimeException(Action action) throws Exception {
        Row row = row(action);
        String refusedUser = without(action);
        row.prepare(refusedUser);
        JMSContext refusedContext = fixture.context(refusedUser);

        JMSSecurityRuntimeException refusal = assertThrows(JMSSecurityRuntimeException.class,
                () -> row.attempt(refusedContext));

        assertNamesUserActionDestination(refusedUser, row.refused(refusedUser), refusal);
        assertInstanceOf(JMSSecurityException.class, refusal.getCause());
        refusedContext.close();
        row.assertUnchanged(refusedUser);

        row.prepare(ADMIN);
        try (JMSContext admin = fixture.context(ADMIN)) {
            row.attempt(admin);
            row.assertDone(ADMIN);
        }
    }

    // ---- sends the client does not wait for

    @Test
    void aRefusedSendInATransactionFailsItsCommitNamingTheRefusalAndStoresNothing() throws Exception {
        Session session = fixture.connection(without(Action.SEND)).createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.send(session.createTextMessage("refused at commit"));

        TransactionRolledBackException e = assertThrows(TransactionRolledBackException.class, session::commit);

        assertTrue(e.getMessage().contains("may not send to queue://" + QUEUE), e.getMessage());
        assertEquals(0, statistics(queue(QUEUE)).enqueued());
    }

    @Test
    void aRefusedTransactedSendThatWaitsThrowsAtOnceAndTheRestOfTheTransactionCommits() throws Exception {
        broker().declareQueue("secret.exact");
        try (Connection connection = fixture.connection(APP, "blockOnTransactedSend=true")) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(null);
            producer.send(session.createQueue("open.staged"), session.createTextMessage("staged"));

            JMSSecurityException e = assertThrows(JMSSecurityException.class,
                    () -> producer.send(session.createQueue("secret.exact"), session.createTextMessage("refused")));

            assertTrue(e.getMessage().endsWith("may not send to queue://secret.exact"), e.getMessage());
            session.commit();
            assertEquals(0, statistics(queue("secret.exact")).enqueued());
            assertEquals(List.of("staged"), texts(List.of(receive(session.createConsumer(session.createQueue(
                    "open.staged"))))), "the rest of the transaction committed");
            session.commit();
        }
    }

    @Test
    void aRefusedOneWaySendReachesTheExceptionListenerAndACompletionListenerHearsItsRefusal() throws Exception {
        Connection connection = fixture.connection(without(Action.SEND));
        CompletableFuture<JMSException> heard = new CompletableFuture<>();
        connection.setExceptionListener(heard::complete);
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));

        producer.send(session.createTextMessage("one way"), DeliveryMode.NON_PERSISTENT, 4, 0);
        JMSException oneWay = heard.get(BrokerTestSupport.ARRIVES, TimeUnit.MILLISECONDS);
        assertTrue(oneWay.getMessage().contains("may not send to queue://" + QUEUE), oneWay.getMessage());

        CompletableFuture<Exception> completion = new CompletableFuture<>();
        producer.send(session.createTextMessage("async"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completion.complete(null);
            }

            @Override
            public void onException(Message message, Exception exception) {
                completion.complete(exception);
            }
        });
        Exception refused = completion.get(BrokerTestSupport.ARRIVES, TimeUnit.MILLISECONDS);
        assertInstanceOf(JMSSecurityException.class, refused);
        assertEquals(0, statistics(queue(QUEUE)).enqueued());
    }

    // ---- rights follow the roles file

    @Test
    void rightsFollowARewrittenRolesFileWithoutReconnecting() throws Exception {
        Session session = fixture.connection(RELOADED).createSession();
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        assertThrows(JMSSecurityException.class, () -> producer.send(session.createTextMessage("as a guest")));

        fixture.writeRoles(roles(true));
        Deadline.awaitTrue("the send is permitted once the roles file names reloaded admin", 20_000,
                () -> sends(producer, session));
        assertEquals(List.of("admitted"), browse(QUEUE));

        fixture.writeRoles(roles(false));
        AtomicInteger admitted = new AtomicInteger(1);
        Deadline.awaitTrue("the send is refused again once the roles file no longer names reloaded admin", 20_000,
                () -> !sends(producer, session) || admitted.incrementAndGet() < 0);
        assertEquals(admitted.get(), browse(QUEUE).size(), "the refused send stored nothing");
    }

    /** Whether a persistent send of "admitted" is carried out; a refusal is false. */
    private static boolean sends(MessageProducer producer, Session session) {
        try {
            producer.send(session.createTextMessage("admitted"));
            return true;
        } catch (JMSSecurityException refused) {
            return false;
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    // ---- temporary destinations

    @Test
    void aTemporaryQueueIsConsumedAndBrowsedOnlyByItsConnectionAndSentToByThoseWithTheRight() throws Exception {
        Session owner = fixture.connection(without(Action.CONSUME)).createSession();
        TemporaryQueue replies = owner.createTemporaryQueue();
        Session responder = fixture.connection(RESPONDER).createSession();

        responder.createProducer(replies).send(responder.createTextMessage("reply"));

        assertThrows(InvalidDestinationException.class, () -> responder.createConsumer(replies),
                "spec 6.2.2: only its own connection consumes from it");
        assertThrows(InvalidDestinationException.class, () -> responder.createBrowser(replies).getEnumeration());
        assertEquals(List.of("reply"), texts(Collections.list(owner.createBrowser(replies).getEnumeration())));
        assertEquals("reply", ((TextMessage) owner.createConsumer(replies).receive(BrokerTestSupport.ARRIVES))
                .getText(), "its connection consumes it, though its user may consume nothing else");

        Session refused = fixture.connection(without(Action.SEND)).createSession();
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> refused.createProducer(null).send(replies, refused.createTextMessage("not allowed")));
        assertTrue(e.getMessage().contains("may not send to"), e.getMessage());
        assertEquals(1, statistics(replies).enqueued(), "only the reply arrived");
        assertThrows(JMSSecurityException.class, () -> fixture.connection(APP).createSession().createTemporaryQueue(),
                "app has no right on temporary destinations");
        assertThrows(JMSSecurityException.class, responder::createTemporaryTopic, "responder may only send to them");
    }

    // ---- pattern precedence

    @Test
    void theMostSpecificMatchingPatternDecidesAlone() throws Exception {
        broker().declareQueue("secret.plans");
        broker().declareQueue("secret.exact");
        Session app = fixture.connection(APP).createSession();
        MessageProducer producer = app.createProducer(null);

        producer.send(app.createQueue("open"), app.createTextMessage("open"));
        assertEquals("open", ((TextMessage) app.createConsumer(app.createQueue("open"))
                .receive(BrokerTestSupport.ARRIVES)).getText(), "# decides: send, consume and create");

        producer.send(app.createQueue("secret.plans"), app.createTextMessage("plans"));
        JMSSecurityException consume = assertThrows(JMSSecurityException.class,
                () -> app.createConsumer(app.createQueue("secret.plans")));
        assertNamesUserActionDestination(APP, "consume from queue://secret.plans", consume);
        assertThrows(JMSSecurityException.class, () -> producer.send(app.createQueue("secret.new"),
                app.createTextMessage("new")), "secret.# grants no creation, though # does");

        JMSSecurityException send = assertThrows(JMSSecurityException.class,
                () -> producer.send(app.createQueue("secret.exact"), app.createTextMessage("exact")));
        assertNamesUserActionDestination(APP, "send to queue://secret.exact", send);
        assertNull(app.createConsumer(app.createQueue("secret.exact")).receiveNoWait(),
                "the exact name grants consuming");
    }

    // ---- helpers: an admin's view of the broker

    private static Destination queue(String name) {
        return new GannetQueue(name);
    }

    private static Destination topic(String name) {
        return new GannetTopic(name);
    }

    private DestinationStatistics statistics(Destination destination) throws JMSException {
        return broker().statistics(destination);
    }

    /** The texts of the queue's messages, as {@code admin} browses them. */
    private List<String> browse(String queue) throws JMSException {
        try (Connection admin = fixture.connectionWithoutClientId(ADMIN)) {
            Session session = admin.createSession();
            return texts(Collections.list(session.createBrowser(session.createQueue(queue)).getEnumeration()));
        }
    }

    /** Sends {@code text} to {@code queue} as {@code admin}, unless the queue holds a message already. */
    private void sendOnce(String queue, String text) throws JMSException {
        if (statistics(queue(queue)).depth() > 0) {
            return;
        }
        try (Connection admin = fixture.connectionWithoutClientId(ADMIN)) {
            Session session = admin.createSession();
            send(session, session.createQueue(queue), text);
        }
    }

    private static void send(Session session, Destination destination, String text) throws JMSException {
        session.createProducer(destination).send(session.createTextMessage(text));
    }

    private static Message receive(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(BrokerTestSupport.ARRIVES);
        assertNotNull(message, "expected a message within " + BrokerTestSupport.ARRIVES + " ms");
        return message;
    }

    private static List<String> texts(List<?> messages) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Object message : messages) {
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }

}
