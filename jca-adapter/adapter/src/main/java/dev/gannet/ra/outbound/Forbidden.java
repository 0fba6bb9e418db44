package dev.gannet.ra.outbound;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;

/**
 * The refusals of methods an application in a Jakarta EE web or EJB container must not call (Messaging 3.1 section
 * 12.2): those declared to throw {@code JMSException} throw {@link IllegalStateException}, the others
 * {@link IllegalStateRuntimeException} (a {@code JMSRuntimeException}), each naming the method and the rule.
 */
final class Forbidden {

    private static final String RULE = " must not be used by an application in a Jakarta EE web or EJB container"
            + " (Jakarta Messaging 3.1 section 12.2)";

    private Forbidden() {
    }

    /** For a method declared to throw JMSException. */
    static IllegalStateException method(String method) {
        return new IllegalStateException(method + RULE);
    }

    /** For a method not declared to throw JMSException. */
    static IllegalStateRuntimeException runtimeMethod(String method) {
        return new IllegalStateRuntimeException(method + RULE);
    }

    /** Connection.createSession while the connection's session is open (section 12.2). */
    static IllegalStateException secondSession(Object connection) {
        return new IllegalStateException("Connection " + connection + " has an open session already; an application"
                + " in a Jakarta EE web or EJB container may have one session per connection (Jakarta Messaging 3.1"
                + " section 12.2)");
    }

    /** JMSContext.createContext (section 12.2). */
    static IllegalStateRuntimeException secondContext(Object context) {
        return new IllegalStateRuntimeException("JMSContext.createContext called on " + context + ": in a Jakarta EE"
                + " web or EJB container a JMSContext may not make another on its connection, which would be a"
                + " second session (Jakarta Messaging 3.1 section 12.2)");
    }
}
