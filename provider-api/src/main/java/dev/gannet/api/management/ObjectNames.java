package dev.gannet.api.management;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The object names of Gannet's MXBeans (see the {@linkplain dev.gannet.api.management package} for the scheme), to
 * find them in an MBean server:
 *
 * <pre>{@code
 * MBeanServer server = ManagementFactory.getPlatformMBeanServer();
 * QueueMXBean orders = JMX.newMXBeanProxy(server, ObjectNames.queue("localhost", "orders"), QueueMXBean.class);
 * }</pre>
 */
public final class ObjectNames {

    /** The JMX domain of every Gannet MXBean. */
    public static final String DOMAIN = "dev.gannet";

    private ObjectNames() {
    }

    /** {@code dev.gannet:type=Broker,name=BROKER}. */
    public static ObjectName broker(String broker) {
        return name("type=Broker,name=" + value(broker));
    }

    /** {@code dev.gannet:broker=BROKER,type=Queue,name=QUEUE}. */
    public static ObjectName queue(String broker, String queue) {
        return name("broker=" + value(broker) + ",type=Queue,name=" + value(queue));
    }

    /**
     * {@code dev.gannet:broker=BROKER,type=Subscription,topic=TOPIC,kind=durable[,clientId=CLIENTID],name=NAME}: a
     * durable subscription, shared or not.
     *
     * @param clientId its client ID, or null if it has none
     */
    public static ObjectName durableSubscription(String broker, String topic, String clientId, String name) {
        return subscription(broker, topic, "durable", clientId, name);
    }

    /**
     * {@code dev.gannet:broker=BROKER,type=Subscription,topic=TOPIC,kind=shared[,clientId=CLIENTID],name=NAME}: a
     * shared non-durable subscription.
     *
     * @param clientId its client ID, or null if it has none
     */
    public static ObjectName sharedSubscription(String broker, String topic, String clientId, String name) {
        return subscription(broker, topic, "shared", clientId, name);
    }

    /**
     * {@code dev.gannet:broker=BROKER,type=Subscription,topic=TOPIC,kind=non-durable,name=NUMBER}: an unshared
     * non-durable subscription, by the broker's number for its queue of messages.
     */
    public static ObjectName nonDurableSubscription(String broker, String topic, long number) {
        return subscription(broker, topic, "non-durable", null, Long.toString(number));
    }

    /** {@code dev.gannet:broker=BROKER,type=Connection,name=ID}. */
    public static ObjectName connection(String broker, long connectionId) {
        return name("broker=" + value(broker) + ",type=Connection,name=" + connectionId);
    }

    /** {@code dev.gannet:broker=BROKER,*}: every MXBean of the broker but its {@code type=Broker} one. */
    public static ObjectName allOf(String broker) {
        return name("broker=" + value(broker) + ",*");
    }

    private static ObjectName subscription(String broker, String topic, String kind, String clientId, String name) {
        return name("broker=" + value(broker) + ",type=Subscription,topic=" + value(topic) + ",kind=" + kind
                + (clientId == null ? "" : ",clientId=" + value(clientId)) + ",name=" + value(name));
    }

    /**
     * {@code text} as an object name value: as it is, or quoted ({@link ObjectName#quote}) if it is empty or holds
     * one of {@code , = : " * ? \ } or a line break.
     */
    public static String value(String text) {
        if (text.isEmpty()) {
            return ObjectName.quote(text);
        }
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case ',', '=', ':', '"', '*', '?', '\n', '\\' -> {
                    return ObjectName.quote(text);
                }
                default -> {
                }
            }
        }
        return text;
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Not a valid object name: " + DOMAIN + ":" + properties, e);
        }
    }
}
