package dev.gannet.ra.inbound;

import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.beans.IntrospectionException;
import java.beans.PropertyDescriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a message endpoint (a message-driven bean) receives messages: the activation properties of Jakarta Messaging
 * 3.1 section 13.1 ({@code destinationLookup}, {@code connectionFactoryLookup}, {@code acknowledgeMode},
 * {@code messageSelector}, {@code destinationType}, {@code subscriptionDurability}, {@code clientId},
 * {@code subscriptionName}) and Gannet's own: {@code destination} (a queue or topic by name, for endpoints that do
 * not look one up), {@code shareSubscriptions} (a topic subscription shared by the endpoint's sessions, so that they
 * take its messages in turn) and {@code maxSession} (how many messages the endpoint may be given at once).
 *
 * <p>A JavaBean the server fills from the endpoint's activation configuration; {@link #validate} says what is wrong
 * with it. Equality is identity, as Connectors 2.1 section 19.4.1 asks of activation specs.
 */
public class GannetActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code acknowledgeMode} value for AUTO_ACKNOWLEDGE, the default. */
    public static final String AUTO_ACKNOWLEDGE = "Auto-acknowledge";
    /** {@code acknowledgeMode} value for DUPS_OK_ACKNOWLEDGE. */
    public static final String DUPS_OK_ACKNOWLEDGE = "Dups-ok-acknowledge";
    /** {@code subscriptionDurability} value of a durable subscription. */
    public static final String DURABLE = "Durable";
    /** {@code subscriptionDurability} value of a non-durable subscription, the default. */
    public static final String NON_DURABLE = "NonDurable";
    /** {@code destinationType} of a queue. */
    public static final String QUEUE = Queue.class.getName();
    /** {@code destinationType} of a topic. */
    public static final String TOPIC = Topic.class.getName();
    /** How many sessions an endpoint gets unless {@code maxSession} says otherwise. */
    public static final int DEFAULT_MAX_SESSION = 15;

    private transient ResourceAdapter resourceAdapter;
    private String destination;
    private String destinationLookup;
    private String destinationType;
    private String messageSelector;
    private String acknowledgeMode = AUTO_ACKNOWLEDGE;
    private String subscriptionDurability = NON_DURABLE;
    private String subscriptionName;
    private String clientId;
    private Boolean shareSubscriptions = Boolean.FALSE;
    private Integer maxSession = DEFAULT_MAX_SESSION;
    private String connectionFactoryLookup;

    /** A problem with one property: its name and what is wrong. */
    record Problem(String property, String reason) {
        @Override
        public String toString() {
            return property + ": " + reason;
        }
    }

    /**
     * Checks the properties together.
     *
     * @throws InvalidPropertyException naming every property that is wrong and why; its
     *                                  {@link InvalidPropertyException#getInvalidPropertyDescriptors} has their
     *                                  descriptors
     */
    @Override
    public void validate() throws InvalidPropertyException {
        List<Problem> problems = problems();
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Gannet activation spec ").append(this).append(" is invalid: ");
        for (int i = 0; i < problems.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        InvalidPropertyException invalid = new InvalidPropertyException(message.toString());
        invalid.setInvalidPropertyDescriptors(descriptors(problems));
        throw invalid;
    }

    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (isBlank(destination) && isBlank(destinationLookup)) {
            problems.add(new Problem("destination", "neither destination nor destinationLookup is set; one of them"
                    + " names the queue or topic to receive from"));
        }
        if (isBlank(destinationType)) {
            problems.add(new Problem("destinationType", "is not set; use " + QUEUE + " or " + TOPIC));
        } else if (!QUEUE.equals(destinationType.trim()) && !TOPIC.equals(destinationType.trim())) {
            problems.add(new Problem("destinationType", "must be " + QUEUE + " or " + TOPIC + ", not '"
                    + destinationType + "'"));
        }
        if (acknowledgeModeOf(acknowledgeMode) == 0) {
            problems.add(new Problem("acknowledgeMode", "must be " + AUTO_ACKNOWLEDGE + " or " + DUPS_OK_ACKNOWLEDGE
                    + ", not '" + acknowledgeMode + "'"));
        }
        Boolean durable = durabilityOf(subscriptionDurability);
        if (durable == null) {
            problems.add(new Problem("subscriptionDurability", "must be " + DURABLE + " or " + NON_DURABLE + ", not '"
                    + subscriptionDurability + "'"));
        }
        boolean topic = TOPIC.equals(destinationType == null ? null : destinationType.trim());
        boolean shared = Boolean.TRUE.equals(shareSubscriptions);
        if (Boolean.TRUE.equals(durable)) {
            if (!topic) {
                problems.add(new Problem("subscriptionDurability", DURABLE + " applies to topics only; destinationType"
                        + " is " + destinationType));
            }
            if (isBlank(subscriptionName)) {
                problems.add(new Problem("subscriptionName", "is not set; a durable subscription needs a name"));
            }
            if (!shared && isBlank(clientId) && isBlank(connectionFactoryLookup)) {
                problems.add(new Problem("clientId", "is not set; an unshared durable subscription belongs to a client"
                        + " ID (or set shareSubscriptions=true)"));
            }
        }
        if (topic && shared && isBlank(subscriptionName)) {
            problems.add(new Problem("subscriptionName", "is not set; a shared subscription (shareSubscriptions=true)"
                    + " needs a name"));
        }
        if (maxSession == null || maxSession < 1) {
            problems.add(new Problem("maxSession", "must be at least 1, not " + maxSession));
        }
        return problems;
    }

    private static PropertyDescriptor[] descriptors(List<Problem> problems) {
        List<PropertyDescriptor> descriptors = new ArrayList<>();
        for (Problem problem : problems) {
            if (descriptors.stream().anyMatch(d -> d.getName().equals(problem.property()))) {
                continue;
            }
            try {
                descriptors.add(new PropertyDescriptor(problem.property(), GannetActivationSpec.class));
            } catch (IntrospectionException e) {
                throw new IllegalStateException("No JavaBean property " + problem.property(), e);
            }
        }
        return descriptors.toArray(new PropertyDescriptor[0]);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The Session constant for an acknowledgeMode value (null is the default), 0 for none. */
    static int acknowledgeModeOf(String value) {
        if (isBlank(value)) {
            return Session.AUTO_ACKNOWLEDGE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto-acknowledge", "auto_acknowledge" -> Session.AUTO_ACKNOWLEDGE;
            case "dups-ok-acknowledge", "dups_ok_acknowledge" -> Session.DUPS_OK_ACKNOWLEDGE;
            default -> 0;
        };
    }

    /** True for a durable subscription, false for non-durable (null is the default), null for neither. */
    static Boolean durabilityOf(String value) {
        if (isBlank(value)) {
            return Boolean.FALSE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "durable" -> Boolean.TRUE;
            case "nondurable", "non-durable" -> Boolean.FALSE;
            default -> null;
        };
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    /**
     * @throws jakarta.resource.spi.IllegalStateException if the spec belongs to another adapter already (Connectors
     *                                                     2.1 section 5.3.3: the association is made once)
     */
    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (resourceAdapter != null && resourceAdapter != adapter) {
            throw new jakarta.resource.spi.IllegalStateException("Activation spec " + this
                    + " is associated with a resource adapter already");
        }
        resourceAdapter = adapter;
    }

    /** The queue or topic to receive from, by name; used when {@link #getDestinationLookup} is not set. */
    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    /** The JNDI name of the queue or topic to receive from (an administered object); wins over destination. */
    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    /** {@code jakarta.jms.Queue} or {@code jakarta.jms.Topic}. */
    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    /** The message selector, or null for every message. */
    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    /** For non-transacted delivery: {@value #AUTO_ACKNOWLEDGE} (the default) or {@value #DUPS_OK_ACKNOWLEDGE}. */
    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    /** For topics: {@value #DURABLE} or {@value #NON_DURABLE} (the default). */
    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    /** The name of the topic subscription: needed when it is durable or shared. */
    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    /** The client ID of the endpoint's connection; needed for an unshared durable subscription. */
    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /**
     * Whether the endpoint's sessions share one topic subscription (default false). An unshared topic subscription
     * belongs to one session, so the endpoint then receives its messages one at a time whatever maxSession says.
     */
    public Boolean getShareSubscriptions() {
        return shareSubscriptions;
    }

    public void setShareSubscriptions(Boolean shareSubscriptions) {
        this.shareSubscriptions = shareSubscriptions;
    }

    /** How many messages the endpoint may be given at once, each in a session of its own (default 15). */
    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }

    /**
     * The JNDI name of a Gannet connection factory whose broker and identity the endpoint uses instead of the
     * adapter's: one of this adapter's connection definitions, or a {@code dev.gannet.client.GannetConnectionFactory}.
     */
    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    @Override
    public String toString() {
        return "GannetActivationSpec[" + (isBlank(destinationLookup) ? destination : destinationLookup) + ", "
                + destinationType + (isBlank(messageSelector) ? "" : ", selector '" + messageSelector + "'")
                + (isBlank(subscriptionName) ? "" : ", subscription " + subscriptionName) + "]";
    }
}
