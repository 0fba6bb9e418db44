package dev.gannet.protocol;

import dev.gannet.api.Limits;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19: the rule each field of each command keeps, and the exception that names a broken one. */
class CommandValidatorTest {

    private static final GannetDestination QUEUE = GannetDestination.of(DestinationKind.QUEUE, "orders");
    private static final GannetDestination TOPIC = GannetDestination.of(DestinationKind.TOPIC, "prices");
    private static final String LONG_NAME = "n".repeat(Limits.MAX_DESTINATION_NAME_LENGTH + 1);
    private static final byte[] TEXT = MessageCodec.encode(new GannetTextMessage("x"));

    static Stream<Arguments> invalidCommands() {
        List<Long> tooManyIds = Collections.nCopies(Limits.MAX_IDS_PER_COMMAND + 1, 1L);
        List<Long> withNull = new ArrayList<>();
        withNull.add(null);
        return Stream.of(
                invalid(new Command.Open("", null, null), InvalidClientIDException.class, "Client ID ''"),
                invalid(new Command.Open(null, "u".repeat(Limits.MAX_CREDENTIAL_LENGTH + 1), null),
                        JMSException.class, "Open: user has"),
                invalid(new Command.Open(null, null, "p".repeat(Limits.MAX_CREDENTIAL_LENGTH + 1)),
                        JMSException.class, "Open: password has"),
                invalid(new Command.SetClientId(null), InvalidClientIDException.class, "(none)"),
                invalid(new Command.SetClientId("c".repeat(Limits.MAX_CLIENT_ID_LENGTH + 1)),
                        InvalidClientIDException.class, "1 to 1024 characters"),
                invalid(new Command.CreateSession(0, false), JMSException.class, "CreateSession: sessionId 0"),
                invalid(new Command.CloseSession(1, null), JMSException.class, "list of delivery ids is missing"),
                invalid(new Command.CloseSession(1, tooManyIds), JMSException.class, "at most 1048576"),
                invalid(new Command.CloseSession(1, withNull), JMSException.class, "delivery id null"),
                invalid(new Command.CreateConsumer(1, -1, QUEUE, null, false, null, 1), JMSException.class,
                        "consumerId -1"),
                invalid(new Command.CreateConsumer(1, 1, null, null, false, null, 1),
                        InvalidDestinationException.class, "no destination"),
                invalid(new Command.CreateConsumer(1, 1, GannetDestination.of(DestinationKind.QUEUE, LONG_NAME), null,
                        false, null, 1), InvalidDestinationException.class, "queue name 'nnnn"),
                invalid(new Command.CreateConsumer(1, 1, QUEUE, "s".repeat(Limits.MAX_SELECTOR_LENGTH + 1), false,
                        null, 1), InvalidSelectorException.class, "longer than 16384"),
                invalid(new Command.CreateConsumer(1, 1, QUEUE, null, false, null, 0), JMSException.class,
                        "prefetch 0"),
                invalid(new Command.CreateConsumer(1, 1, QUEUE, null, false, null, Limits.MAX_PREFETCH + 1),
                        JMSException.class, "prefetch 1048577"),
                invalid(new Command.CreateConsumer(1, 1, TOPIC, null, false, null, 1), JMSException.class,
                        "needs a subscription"),
                invalid(new Command.CreateConsumer(1, 1, TOPIC, null, false, new SubscriptionSpec(null, true, false),
                        1), JMSException.class, "durable subscription needs a name"),
                invalid(new Command.CreateConsumer(1, 1, TOPIC, null, false, new SubscriptionSpec(
                        "s".repeat(Limits.MAX_SUBSCRIPTION_NAME_LENGTH + 1), false, true), 1), JMSException.class,
                        "subscription name"),
                invalid(new Command.CloseConsumer(1, 0, List.of()), JMSException.class, "consumerId 0"),
                invalid(new Command.Credit(1, 1, -3), JMSException.class, "Credit: count -3"),
                invalid(new Command.Send(1, null), MessageFormatException.class, "carries no message"),
                invalid(send(null, 4, 0, 0, null, TEXT), InvalidDestinationException.class, "no destination"),
                invalid(send(QUEUE, -1, 0, 0, null, TEXT), MessageFormatException.class, "JMSPriority -1"),
                invalid(send(QUEUE, 10, 0, 0, null, TEXT), MessageFormatException.class, "JMSPriority 10"),
                invalid(send(QUEUE, 4, -1, 0, null, TEXT), MessageFormatException.class, "JMSExpiration -1"),
                invalid(send(QUEUE, 4, 0, -1, null, TEXT), MessageFormatException.class, "JMSDeliveryTime -1"),
                invalid(send(QUEUE, 4, 0, 0, "g".repeat(Limits.MAX_GROUP_ID_LENGTH + 1), TEXT),
                        MessageFormatException.class, "JMSXGroupID"),
                invalid(send(QUEUE, 4, 0, 0, null, null), MessageFormatException.class, "has no content"),
                invalid(new Command.Acknowledge(1, List.of(0L)), JMSException.class, "delivery id 0"),
                invalid(new Command.Recover(0, List.of()), JMSException.class, "Recover: sessionId 0"),
                invalid(new Command.Commit(1, null), JMSException.class, "Commit: the list"),
                invalid(new Command.Rollback(1, List.of(-1L)), JMSException.class, "Rollback: delivery id -1"),
                invalid(new Command.ReturnPrefetched(0, List.of()), JMSException.class, "ReturnPrefetched: sessionId 0"),
                invalid(new Command.ReturnPrefetched(1, List.of(0L)), JMSException.class,
                        "ReturnPrefetched: delivery id 0"),
                invalid(new Command.DeleteTemporary(QUEUE), InvalidDestinationException.class,
                        "not a temporary destination"),
                invalid(new Command.DeleteTemporary(null), InvalidDestinationException.class, "no destination"),
                invalid(new Command.CheckDestination(GannetDestination.of(DestinationKind.TOPIC, LONG_NAME)),
                        InvalidDestinationException.class, "topic name"),
                invalid(new Command.Unsubscribe(""), InvalidDestinationException.class, "Unsubscribe"),
                invalid(new Command.Browse(1, 1, TOPIC, null, 10), InvalidDestinationException.class, "is not a queue"),
                invalid(new Command.Browse(1, 0, QUEUE, null, 10), JMSException.class, "browseId 0 is not positive"),
                invalid(new Command.Browse(1, 1, QUEUE, null, -1), JMSException.class, "firstPage -1 is negative"),
                invalid(new Command.BrowseNext(0, 1), JMSException.class, "sessionId 0 is not positive"),
                invalid(new Command.CloseBrowse(1, -3), JMSException.class, "browseId -3 is not positive"),
                invalid(new Command.Browse(1, 1, QUEUE, "s".repeat(Limits.MAX_SELECTOR_LENGTH + 1), 10),
                        InvalidSelectorException.class, "Browse: selector"));
    }

    @ParameterizedTest
    @MethodSource("invalidCommands")
    void invalidValuesGetTheExceptionTheSpecNames(Command<?> command, Class<? extends JMSException> type,
                                                   String fragment) {
        JMSException e = assertThrows(JMSException.class, () -> CommandValidator.check(command));
        assertSame(type, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "a message never repeats a huge input: " + e.getMessage().length());
    }

    @Test
    void theLargestValuesAreAccepted() {
        GannetDestination longest = GannetDestination.of(DestinationKind.QUEUE,
                "q".repeat(Limits.MAX_DESTINATION_NAME_LENGTH));
        assertDoesNotThrow(() -> CommandValidator.check(new Command.Open("c".repeat(Limits.MAX_CLIENT_ID_LENGTH),
                "u".repeat(Limits.MAX_CREDENTIAL_LENGTH), "p".repeat(Limits.MAX_CREDENTIAL_LENGTH))));
        assertDoesNotThrow(() -> CommandValidator.check(new Command.CreateConsumer(Integer.MAX_VALUE, 1, longest,
                "s".repeat(Limits.MAX_SELECTOR_LENGTH), false, null, Limits.MAX_PREFETCH)));
        assertDoesNotThrow(() -> CommandValidator.check(send(longest, 9, Long.MAX_VALUE, Long.MAX_VALUE,
                "g".repeat(Limits.MAX_GROUP_ID_LENGTH), TEXT)));
        assertDoesNotThrow(() -> CommandValidator.check(new Command.Commit(1,
                Collections.nCopies(Limits.MAX_IDS_PER_COMMAND, Long.MAX_VALUE))));
    }

    @Test
    void contentTheBrokerCannotReadOrThatBreaksALimitIsAMessageFormatException() throws Exception {
        assertThrows(MessageFormatException.class, () -> CommandValidator.checkContent(
                new OutboundMessage(QUEUE, true, 4, 0, 0, null, new byte[] {9})));
        GannetTextMessage duplicate = new GannetTextMessage("d");
        duplicate.setStringProperty("_GANNET_DUPLICATE_ID", "d".repeat(Limits.MAX_DUPLICATE_ID_LENGTH + 1));
        assertThrows(MessageFormatException.class, () -> CommandValidator.checkContent(
                new OutboundMessage(QUEUE, true, 4, 0, 0, null, MessageCodec.encode(duplicate))));
        GannetTextMessage priority = new GannetTextMessage("p");
        priority.setJMSPriority(11);
        MessageFormatException header = assertThrows(MessageFormatException.class, () -> CommandValidator
                .checkContent(new OutboundMessage(QUEUE, true, 4, 0, 0, null, MessageCodec.encode(priority))));
        assertTrue(header.getMessage().contains("JMSPriority 11"), header.getMessage());
        GannetTextMessage name = new GannetTextMessage("n");
        name.setIntProperty("p".repeat(Limits.MAX_PROPERTY_NAME_LENGTH + 1), 1);
        assertThrows(MessageFormatException.class, () -> CommandValidator.checkContent(
                new OutboundMessage(QUEUE, true, 4, 0, 0, null, MessageCodec.encode(name))));
        GannetTextMessage fine = new GannetTextMessage("fine");
        fine.setStringProperty("color", "red");
        assertEquals("red", CommandValidator.checkContent(new OutboundMessage(QUEUE, true, 4, 0, 0, null,
                MessageCodec.encode(fine))).getStringProperty("color"));
    }

    private static Command.Send send(GannetDestination destination, int priority, long expiration, long deliveryTime,
                                     String groupId, byte[] encoded) {
        return new Command.Send(1, new OutboundMessage(destination, true, priority, expiration, deliveryTime, groupId,
                encoded));
    }

    private static Arguments invalid(Command<?> command, Class<? extends JMSException> type, String fragment) {
        return Arguments.of(command, type, fragment);
    }
}
