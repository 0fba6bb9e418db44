package dev.gannet.broker;

import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 19, defect 7: a message the broker cannot read (only one an older broker stored can be so) is decoded and
 * logged once, not at every selector evaluation.
 */
class ServerMessageTest {

    @Test
    void anUnreadableMessageFailsEveryEvaluationWithTheFailureOfTheFirst() {
        ServerMessage message = new ServerMessage(1, true, 4, 0, 0, null, new byte[] {1, 2, 3}, null);
        MessageFormatException first = assertThrows(MessageFormatException.class, message::filterable);
        for (int i = 0; i < 100; i++) {
            assertSame(first, assertThrows(MessageFormatException.class, message::filterable));
        }
    }

    @Test
    void aReadableMessageIsDecodedOnce() throws Exception {
        GannetTextMessage text = new GannetTextMessage("body");
        text.setStringProperty("color", "red");
        ServerMessage message = new ServerMessage(2, true, 4, 0, 0, null, MessageCodec.encode(text), null);
        assertSame(message.filterable(), message.filterable());
        assertEquals("red", message.filterable().valueOf("color"));
    }
}
