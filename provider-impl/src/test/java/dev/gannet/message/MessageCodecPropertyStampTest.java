package dev.gannet.message;

import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link MessageCodec#withStringProperty}: what the broker stamps {@code JMSXUserID} with. */
class MessageCodecPropertyStampTest {

    private static byte[] encoded() throws Exception {
        GannetTextMessage message = new GannetTextMessage();
        message.setText("body stays");
        message.setIntProperty("count", 3);
        message.setStringProperty("JMSXUserID", "mallory");
        message.setBooleanProperty("last", true);
        message.setJMSPriority(7);
        return MessageCodec.encode(message);
    }

    @Test
    void thePropertyIsReplacedAndEverythingElseKept() throws Exception {
        GannetTextMessage stamped = (GannetTextMessage) MessageCodec.decode(
                MessageCodec.withStringProperty(encoded(), "JMSXUserID", "alice"));
        assertEquals("alice", stamped.getStringProperty("JMSXUserID"));
        assertEquals(3, stamped.getIntProperty("count"));
        assertEquals(true, stamped.getBooleanProperty("last"));
        assertEquals(7, stamped.getJMSPriority());
        assertEquals("body stays", stamped.getText());
        List<?> names = Collections.list(stamped.getPropertyNames());
        assertEquals(3, names.size(), names.toString());
    }

    @Test
    void aMissingPropertyIsAddedAndANullValueRemovesIt() throws Exception {
        byte[] plain = MessageCodec.encode(new GannetMessage());
        assertEquals("bob", MessageCodec.decode(MessageCodec.withStringProperty(plain, "JMSXUserID", "bob"))
                .getStringProperty("JMSXUserID"));
        GannetMessage removed = MessageCodec.decode(MessageCodec.withStringProperty(encoded(), "JMSXUserID", null));
        assertNull(removed.getStringProperty("JMSXUserID"));
        assertFalse(Collections.list(removed.getPropertyNames()).contains("JMSXUserID"));
    }

    @Test
    void aMalformedMessageIsRefused() {
        assertThrows(MessageFormatException.class, () -> MessageCodec.withStringProperty(new byte[] {1, 1, 0},
                "JMSXUserID", "alice"));
    }
}
