package dev.gannet.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.TextMessage;

/** A message whose body is a String, possibly null. */
public final class GannetTextMessage extends GannetMessage implements TextMessage {

    private String text;

    /** An empty text message (null text), as made by {@code Session.createTextMessage()}. */
    public GannetTextMessage() {
        super(MessageType.TEXT);
    }

    /** A text message holding {@code text}, as made by {@code Session.createTextMessage(String)}. */
    public GannetTextMessage(String text) {
        this();
        this.text = text;
    }

    @Override
    public void setText(String string) throws MessageNotWriteableException {
        checkBodyWritable();
        this.text = string;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public <T> T getBody(Class<T> c) throws MessageFormatException {
        return bodyAs(c, String.class, text);
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        Class<?> target = c;
        return text == null || target.isAssignableFrom(String.class);
    }

    @Override
    void clearBodyContent() {
        text = null;
    }
}
