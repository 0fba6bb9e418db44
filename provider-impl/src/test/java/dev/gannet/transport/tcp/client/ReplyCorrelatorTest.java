package dev.gannet.transport.tcp.client;

import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Answer;
import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.WireError;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replies reach the request they answer, as the type that request expects. */
class ReplyCorrelatorTest {

    private final ReplyCorrelator replies = new ReplyCorrelator();

    @Test
    void replyCompletesItsRequestWithTheAnswerOfTheExpectedType() throws Exception {
        ReplyCorrelator.Pending<GannetDestination> pending = replies.register(Answer.DESTINATION);
        GannetDestination temporary = GannetDestination.of(DestinationKind.TEMPORARY_QUEUE, "tmp-1");
        replies.complete(Frame.Reply.answered(pending.correlationId(), Answer.DESTINATION, temporary));
        assertEquals(temporary, pending.answer().get());
    }

    @Test
    void replyOfAnotherTypeFailsTheRequestNamingBoth() {
        ReplyCorrelator.Pending<Long> pending = replies.register(Answer.GENERATION);
        replies.complete(Frame.Reply.answered(pending.correlationId(), Answer.NONE, null));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.answer().get());
        JMSException cause = assertInstanceOf(JMSException.class, failure.getCause());
        assertTrue(cause.getMessage().contains("nothing") && cause.getMessage().contains("a delivery generation"),
                cause.getMessage());
    }

    @Test
    void failureReplyFailsTheRequestWithTheBrokersException() {
        ReplyCorrelator.Pending<Void> pending = replies.register(Answer.NONE);
        replies.complete(Frame.Reply.failed(pending.correlationId(),
                WireError.of(new InvalidDestinationException("Queue orders: gone"))));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.answer().get());
        assertEquals("Queue orders: gone",
                assertInstanceOf(InvalidDestinationException.class, failure.getCause()).getMessage());
    }
}
