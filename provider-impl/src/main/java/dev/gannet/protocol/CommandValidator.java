package dev.gannet.protocol;

import dev.gannet.api.Limits;
import dev.gannet.api.MessageProperties;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

import java.util.Enumeration;
import java.util.List;

/**
 * The rules every command must keep before the broker acts on it, whatever transport carried it: ids and counts in
 * range, required parts present, every string, list and name within {@link Limits}. The tcp decoder checks each
 * command as it decodes it, and the broker checks each command it receives (a vm client is as untrusted as a tcp one),
 * so both transports refuse the same commands with the same exceptions. A message's content (its encoded headers and
 * properties) is checked once, by the broker, when it is sent ({@link #checkContent}).
 */
public final class CommandValidator {

    private static final String GROUP_ID = "JMSXGroupID";

    private CommandValidator() {
    }

    /**
     * Checks every field of {@code command}.
     *
     * @throws InvalidDestinationException if a destination is missing, has an empty or too long name, or is of the
     *         wrong kind for the command; or an unsubscribed subscription name is missing or too long
     * @throws InvalidClientIDException    if a client ID is empty or too long
     * @throws InvalidSelectorException    if a selector is too long
     * @throws MessageFormatException      if a sent message is missing or a routing value of it is out of range
     * @throws JMSException                naming the command and field, for any other value out of range or missing
     */
    public static void check(Command<?> command) throws JMSException {
        if (command instanceof Command.Open c) {
            if (c.clientId() != null) {
                clientId(c.clientId());
            }
            maxLength("Open", "user", c.user(), Limits.MAX_CREDENTIAL_LENGTH);
            maxLength("Open", "password", c.password(), Limits.MAX_CREDENTIAL_LENGTH);
        } else if (command instanceof Command.SetClientId c) {
            clientId(c.clientId());
        } else if (command instanceof Command.CreateSession c) {
            id("CreateSession", "sessionId", c.sessionId());
        } else if (command instanceof Command.CloseSession c) {
            id("CloseSession", "sessionId", c.sessionId());
            deliveryIds("CloseSession", c.deliveredIds());
        } else if (command instanceof Command.CreateConsumer c) {
            checkCreateConsumer(c);
        } else if (command instanceof Command.CloseConsumer c) {
            id("CloseConsumer", "sessionId", c.sessionId());
            id("CloseConsumer", "consumerId", c.consumerId());
            deliveryIds("CloseConsumer", c.deliveredIds());
        } else if (command instanceof Command.Credit c) {
            id("Credit", "sessionId", c.sessionId());
            id("Credit", "consumerId", c.consumerId());
            if (c.count() < 1 || c.count() > Limits.MAX_PREFETCH) {
                throw new JMSException("Credit: count " + c.count() + " is out of range 1-" + Limits.MAX_PREFETCH);
            }
        } else if (command instanceof Command.Send c) {
            id("Send", "sessionId", c.sessionId());
            checkMessage(c.message());
        } else if (command instanceof Command.Acknowledge c) {
            id("Acknowledge", "sessionId", c.sessionId());
            deliveryIds("Acknowledge", c.deliveryIds());
        } else if (command instanceof Command.Recover c) {
            id("Recover", "sessionId", c.sessionId());
            deliveryIds("Recover", c.deliveredIds());
        } else if (command instanceof Command.Commit c) {
            id("Commit", "sessionId", c.sessionId());
            deliveryIds("Commit", c.deliveredIds());
        } else if (command instanceof Command.Rollback c) {
            id("Rollback", "sessionId", c.sessionId());
            deliveryIds("Rollback", c.deliveredIds());
        } else if (command instanceof Command.ReturnPrefetched c) {
            id("ReturnPrefetched", "sessionId", c.sessionId());
            deliveryIds("ReturnPrefetched", c.deliveredIds());
        } else if (command instanceof Command.DeleteTemporary c) {
            destination("DeleteTemporary", c.destination());
            if (!c.destination().kind().isTemporary()) {
                throw new InvalidDestinationException("DeleteTemporary: " + c.destination()
                        + " is not a temporary destination");
            }
        } else if (command instanceof Command.CheckDestination c) {
            destination("CheckDestination", c.destination());
        } else if (command instanceof Command.Unsubscribe c) {
            if (c.name() == null || c.name().isEmpty() || c.name().length() > Limits.MAX_SUBSCRIPTION_NAME_LENGTH) {
                throw new InvalidDestinationException("Unsubscribe: subscription name " + describe(c.name())
                        + " must have 1 to " + Limits.MAX_SUBSCRIPTION_NAME_LENGTH + " characters");
            }
        } else if (command instanceof Command.Browse c) {
            id("Browse", "sessionId", c.sessionId());
            id("Browse", "browseId", c.browseId());
            destination("Browse", c.queue());
            if (!c.queue().kind().isQueue()) {
                throw new InvalidDestinationException("Browse: " + c.queue() + " is not a queue");
            }
            selector("Browse", c.selector());
            if (c.firstPage() < 0) {
                throw new JMSException("Browse: firstPage " + c.firstPage() + " is negative");
            }
        } else if (command instanceof Command.BrowseNext c) {
            id("BrowseNext", "sessionId", c.sessionId());
            id("BrowseNext", "browseId", c.browseId());
        } else if (command instanceof Command.CloseBrowse c) {
            id("CloseBrowse", "sessionId", c.sessionId());
            id("CloseBrowse", "browseId", c.browseId());
        } else if (command instanceof Command.XaStart c) {
            id("XaStart", "sessionId", c.sessionId());
            branch("XaStart", c.xid());
            if (c.flags() != XAResource.TMNOFLAGS && c.flags() != XAResource.TMJOIN
                    && c.flags() != XAResource.TMRESUME) {
                throw XaError.of(XAException.XAER_INVAL, "XaStart: flags " + c.flags()
                        + " are not one of TMNOFLAGS, TMJOIN and TMRESUME");
            }
            if (c.timeoutSeconds() < 0) {
                throw XaError.of(XAException.XAER_INVAL, "XaStart: timeout " + c.timeoutSeconds() + " is negative");
            }
        } else if (command instanceof Command.XaEnd c) {
            id("XaEnd", "sessionId", c.sessionId());
            branch("XaEnd", c.xid());
            if (c.flags() != XAResource.TMSUCCESS && c.flags() != XAResource.TMFAIL
                    && c.flags() != XAResource.TMSUSPEND) {
                throw XaError.of(XAException.XAER_INVAL, "XaEnd: flags " + c.flags()
                        + " are not one of TMSUCCESS, TMFAIL and TMSUSPEND");
            }
            deliveryIds("XaEnd", c.deliveredIds());
        } else if (command instanceof Command.XaPrepare c) {
            branch("XaPrepare", c.xid());
        } else if (command instanceof Command.XaCommit c) {
            branch("XaCommit", c.xid());
        } else if (command instanceof Command.XaRollback c) {
            branch("XaRollback", c.xid());
        } else if (command instanceof Command.XaForget c) {
            branch("XaForget", c.xid());
        }
        // Close, Start, Stop, CreateTemporary and XaRecover have no fields to check
    }

    private static void checkCreateConsumer(Command.CreateConsumer c) throws JMSException {
        id("CreateConsumer", "sessionId", c.sessionId());
        id("CreateConsumer", "consumerId", c.consumerId());
        destination("CreateConsumer", c.destination());
        selector("CreateConsumer", c.selector());
        if (c.prefetch() < 1 || c.prefetch() > Limits.MAX_PREFETCH) {
            throw new JMSException("CreateConsumer: prefetch " + c.prefetch() + " is out of range 1-"
                    + Limits.MAX_PREFETCH);
        }
        SubscriptionSpec subscription = c.subscription();
        if (!c.destination().kind().isQueue() && subscription == null) {
            throw new JMSException("CreateConsumer: a consumer of " + c.destination() + " needs a subscription");
        }
        if (subscription != null && !c.destination().kind().isQueue()) {
            String name = subscription.name();
            boolean named = subscription.durable() || subscription.shared();
            if (named && (name == null || name.isEmpty())) {
                throw new JMSException("CreateConsumer: a " + (subscription.durable() ? "durable" : "shared")
                        + " subscription needs a name");
            }
            if (name != null && name.length() > Limits.MAX_SUBSCRIPTION_NAME_LENGTH) {
                throw new JMSException("CreateConsumer: subscription name " + describe(name) + " is longer than "
                        + Limits.MAX_SUBSCRIPTION_NAME_LENGTH + " characters");
            }
        }
    }

    private static void checkMessage(OutboundMessage message) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("Send: the command carries no message");
        }
        destination("Send", message.destination());
        if (message.priority() < Limits.MIN_PRIORITY || message.priority() > Limits.MAX_PRIORITY) {
            throw new MessageFormatException("Send: JMSPriority " + message.priority() + " is out of range "
                    + Limits.MIN_PRIORITY + "-" + Limits.MAX_PRIORITY);
        }
        if (message.expiration() < 0) {
            throw new MessageFormatException("Send: JMSExpiration " + message.expiration() + " is negative");
        }
        if (message.deliveryTime() < 0) {
            throw new MessageFormatException("Send: JMSDeliveryTime " + message.deliveryTime() + " is negative");
        }
        if (message.groupId() != null && message.groupId().length() > Limits.MAX_GROUP_ID_LENGTH) {
            throw new MessageFormatException("Send: " + GROUP_ID + " " + describe(message.groupId())
                    + " is longer than " + Limits.MAX_GROUP_ID_LENGTH + " characters");
        }
        if (message.encoded() == null) {
            throw new MessageFormatException("Send: the message to " + message.destination() + " has no content");
        }
    }

    /**
     * Checks what the broker reads of a sent message's content: it must decode, and its headers and properties must
     * keep {@link Limits} and the spec's ranges. Called once per send, by the broker.
     *
     * @return the message's headers and properties, decoded (its body left empty)
     * @throws MessageFormatException naming the header or property and the rule broken
     */
    public static GannetMessage checkContent(OutboundMessage message) throws MessageFormatException {
        GannetMessage decoded = MessageCodec.decodeForSelection(message.encoded());
        String prefix = "Message to " + message.destination() + ": ";
        if (decoded.getJMSPriority() < Limits.MIN_PRIORITY || decoded.getJMSPriority() > Limits.MAX_PRIORITY) {
            throw new MessageFormatException(prefix + "JMSPriority " + decoded.getJMSPriority() + " is out of range "
                    + Limits.MIN_PRIORITY + "-" + Limits.MAX_PRIORITY);
        }
        int mode = decoded.getJMSDeliveryMode();
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new MessageFormatException(prefix + "JMSDeliveryMode " + mode + " is neither PERSISTENT nor"
                    + " NON_PERSISTENT");
        }
        headerLength(prefix, "JMSMessageID", decoded.getJMSMessageID());
        headerLength(prefix, "JMSCorrelationID", decoded.getJMSCorrelationID());
        headerLength(prefix, "JMSType", decoded.getJMSType());
        int count = 0;
        for (Enumeration<String> names = decoded.getPropertyNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (++count > Limits.MAX_PROPERTIES) {
                throw new MessageFormatException(prefix + "more than " + Limits.MAX_PROPERTIES + " properties");
            }
            if (name.length() > Limits.MAX_PROPERTY_NAME_LENGTH) {
                throw new MessageFormatException(prefix + "property name " + describe(name) + " is longer than "
                        + Limits.MAX_PROPERTY_NAME_LENGTH + " characters");
            }
            Object value = decoded.getObjectProperty(name);
            int max = switch (name) {
                case GROUP_ID -> Limits.MAX_GROUP_ID_LENGTH;
                case MessageProperties.DUPLICATE_ID -> Limits.MAX_DUPLICATE_ID_LENGTH;
                default -> Limits.MAX_STRING_VALUE_LENGTH;
            };
            if (value != null && String.valueOf(value).length() > max) {
                throw new MessageFormatException(prefix + "property " + name + " has " + String.valueOf(value).length()
                        + " characters; at most " + max + " are allowed");
            }
        }
        return decoded;
    }

    private static void headerLength(String prefix, String header, String value) throws MessageFormatException {
        if (value != null && value.length() > Limits.MAX_STRING_VALUE_LENGTH) {
            throw new MessageFormatException(prefix + header + " has " + value.length() + " characters; at most "
                    + Limits.MAX_STRING_VALUE_LENGTH + " are allowed");
        }
    }

    private static void branch(String command, BranchId xid) throws JMSException {
        if (xid == null) {
            throw XaError.of(XAException.XAER_INVAL, command + ": the Xid is null");
        }
    }

    private static void id(String command, String field, int id) throws JMSException {
        if (id < 1) {
            throw new JMSException(command + ": " + field + " " + id + " is not positive");
        }
    }

    private static void deliveryIds(String command, List<Long> ids) throws JMSException {
        if (ids == null) {
            throw new JMSException(command + ": the list of delivery ids is missing");
        }
        if (ids.size() > Limits.MAX_IDS_PER_COMMAND) {
            throw new JMSException(command + ": " + ids.size() + " delivery ids; at most " + Limits.MAX_IDS_PER_COMMAND
                    + " are allowed in one command");
        }
        for (Long id : ids) {
            if (id == null || id < 1) {
                throw new JMSException(command + ": delivery id " + id + " is not positive");
            }
        }
    }

    private static void destination(String command, GannetDestination destination)
            throws InvalidDestinationException {
        if (destination == null) {
            throw new InvalidDestinationException(command + ": no destination given");
        }
        if (destination.name().length() > Limits.MAX_DESTINATION_NAME_LENGTH) {
            throw new InvalidDestinationException(command + ": " + kindName(destination.kind()) + " name "
                    + describe(destination.name()) + " is longer than " + Limits.MAX_DESTINATION_NAME_LENGTH
                    + " characters");
        }
    }

    private static void selector(String command, String selector) throws InvalidSelectorException {
        if (selector != null && selector.length() > Limits.MAX_SELECTOR_LENGTH) {
            throw new InvalidSelectorException(command + ": selector " + describe(selector) + " is longer than "
                    + Limits.MAX_SELECTOR_LENGTH + " characters");
        }
    }

    private static void clientId(String clientId) throws InvalidClientIDException {
        if (clientId == null || clientId.isEmpty() || clientId.length() > Limits.MAX_CLIENT_ID_LENGTH) {
            throw new InvalidClientIDException("Client ID " + describe(clientId) + " must have 1 to "
                    + Limits.MAX_CLIENT_ID_LENGTH + " characters");
        }
    }

    private static void maxLength(String command, String field, String value, int max) throws JMSException {
        if (value != null && value.length() > max) {
            throw new JMSException(command + ": " + field + " has " + value.length() + " characters; at most " + max
                    + " are allowed");
        }
    }

    private static String kindName(DestinationKind kind) {
        return switch (kind) {
            case QUEUE -> "queue";
            case TOPIC -> "topic";
            case TEMPORARY_QUEUE -> "temporary queue";
            case TEMPORARY_TOPIC -> "temporary topic";
        };
    }

    /** A value for an exception text: quoted, its start only when long, so no message repeats a huge input. */
    private static String describe(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "...' (" + value.length()
                + " characters)";
    }
}
