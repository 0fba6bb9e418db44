package dev.gannet.tck.connections;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.TopicConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credentials of {@code createConnection(user, password)} and {@code createContext(user, password)}: the TCK runs
 * against a provider with security on, its user {@value #USER} (password {@value #PASSWORD}, as the TCK's
 * {@code ts.jte} sets them) is let in, and the TCK's bad credentials {@code invalid}/{@code invalid} are refused with
 * JMSSecurityException (spec 10.3 "Standard exceptions"; JMSSecurityRuntimeException in the simplified API).
 */
class CredentialsTest extends ConformanceTest {

    private static final String USER = "j2ee";
    private static final String PASSWORD = "j2ee";
    private static final String INVALID = "invalid";

    @Test
    @DisplayName("6.1.2 The TCK's user connects with its password, through every kind of factory")
    void validCredentialsConnect() throws JMSException {
        Connection connection = track(cf().createConnection(USER, PASSWORD));
        connection.start();
        assertFalse(connection.createSession().getTransacted());
        QueueConnection queueConnection = track(queueCf().createQueueConnection(USER, PASSWORD));
        queueConnection.start();
        TopicConnection topicConnection = track(topicCf().createTopicConnection(USER, PASSWORD));
        topicConnection.start();
        JMSContext context = track(cf().createContext(USER, PASSWORD));
        assertTrue(context.getMetaData().getJMSMajorVersion() >= 2);
    }

    @Test
    @DisplayName("10.3 createConnection with invalid credentials throws JMSSecurityException")
    void invalidCredentialsAreRefusedWithJMSSecurityException() {
        assertThrows(JMSSecurityException.class, () -> track(cf().createConnection(INVALID, INVALID)));
        assertThrows(JMSSecurityException.class, () -> track(queueCf().createQueueConnection(INVALID, INVALID)));
        assertThrows(JMSSecurityException.class, () -> track(topicCf().createTopicConnection(INVALID, INVALID)));
        assertThrows(JMSSecurityException.class, () -> track(cf().createConnection(USER, INVALID)),
                "a known user with a wrong password");
    }

    @Test
    @DisplayName("10.3 createContext with invalid credentials throws JMSSecurityRuntimeException")
    void invalidCredentialsAreRefusedWithJMSSecurityRuntimeException() {
        assertThrows(JMSSecurityRuntimeException.class, () -> track(cf().createContext(INVALID, INVALID)));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> track(cf().createContext(INVALID, INVALID, JMSContext.SESSION_TRANSACTED)));
    }
}
