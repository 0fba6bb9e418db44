package dev.gannet.client;

import dev.gannet.message.GannetMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer: settings, message properties and headers applied to every message it sends through
 * its {@link ProducerSession} (a Gannet JMSContext's session, or a resource adapter's pooled one). Its properties
 * live in a plain {@link GannetMessage}, so names, types and conversions follow exactly the rules of message
 * properties (spec 3.5).
 */
public class GannetJMSProducer implements JMSProducer {

    private final ProducerSession session;
    private final GannetMessage properties = new GannetMessage();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableMessageTimestamp;
    private CompletionListener async;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    /** A producer sending with {@code session}, with the default settings and no properties. */
    public GannetJMSProducer(ProducerSession session) {
        this.session = session;
    }

    // ---- send

    @Override
    public JMSProducer send(Destination destination, Message message) {
        Errors.uncheckedRun(() -> {
            if (message == null) {
                throw new jakarta.jms.MessageFormatException("Message must not be null");
            }
            session.session(); // refuses a closed context before the message is touched
            apply(message);
            session.send(destination, message, new SendOptions(deliveryMode, priority, timeToLive, deliveryDelay,
                    disableMessageId, disableMessageTimestamp), async);
            return null;
        });
        return this;
    }

    private void apply(Message message) throws JMSException {
        for (String name : Collections.list(properties.getPropertyNames())) {
            message.setObjectProperty(name, properties.getObjectProperty(name));
        }
        if (correlationIdBytes != null) {
            message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        } else if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, Errors.unchecked(() -> session.session().createTextMessage(body)));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage message = Errors.unchecked(() -> session.session().createMapMessage());
        if (body != null) {
            Errors.uncheckedRun(() -> {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
                return null;
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage message = Errors.unchecked(() -> session.session().createBytesMessage());
        if (body != null) {
            Errors.uncheckedRun(() -> {
                message.writeBytes(body);
                return null;
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, Errors.unchecked(() -> session.session().createObjectMessage(body)));
    }

    // ---- settings

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableMessageTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableMessageTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        Errors.uncheckedRun(() -> {
            SendOptions.checkDeliveryMode(deliveryMode);
            return null;
        });
        this.deliveryMode = deliveryMode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int priority) {
        Errors.uncheckedRun(() -> {
            SendOptions.checkPriority(priority);
            return null;
        });
        this.priority = priority;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        this.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        this.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    /**
     * @throws jakarta.jms.IllegalStateRuntimeException for a listener, where the {@link ProducerSession}'s sends must
     *                                                  be synchronous (Messaging 3.1 section 12.2)
     */
    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        if (completionListener != null) {
            Errors.uncheckedRun(() -> {
                session.acceptAsync();
                return null;
            });
        }
        this.async = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return async;
    }

    // ---- properties

    private JMSProducer property(Errors.JmsAction<?> set) {
        Errors.uncheckedRun(set);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return property(() -> {
            properties.setBooleanProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return property(() -> {
            properties.setByteProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return property(() -> {
            properties.setShortProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return property(() -> {
            properties.setIntProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return property(() -> {
            properties.setLongProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return property(() -> {
            properties.setFloatProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return property(() -> {
            properties.setDoubleProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return property(() -> {
            properties.setStringProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        return property(() -> {
            properties.setObjectProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer clearProperties() {
        return property(() -> {
            properties.clearProperties();
            return null;
        });
    }

    @Override
    public boolean propertyExists(String name) {
        return Errors.unchecked(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return Errors.unchecked(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return Errors.unchecked(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return Errors.unchecked(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return Errors.unchecked(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return Errors.unchecked(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return Errors.unchecked(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return Errors.unchecked(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return Errors.unchecked(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return Errors.unchecked(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Errors.unchecked(() -> {
            Set<String> names = new LinkedHashSet<>(Collections.list(properties.getPropertyNames()));
            return Collections.unmodifiableSet(names);
        });
    }

    // ---- headers

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        if (correlationID == null || correlationID.length == 0) {
            throw new JMSRuntimeException("Correlation ID bytes must not be null or empty");
        }
        this.correlationIdBytes = correlationID.clone();
        this.correlationId = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String type) {
        this.type = type;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
