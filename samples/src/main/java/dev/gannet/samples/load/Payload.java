package dev.gannet.samples.load;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/** Message bodies of a fixed size. */
final class Payload {

    static final int KIB = 1024;

    private final byte[] body;

    Payload(int size) {
        body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
    }

    int size() {
        return body.length;
    }

    BytesMessage create(Session session) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        return message;
    }
}
