package dev.gannet.management;

import dev.gannet.api.management.ObjectNames;
import dev.gannet.broker.Administration;
import dev.gannet.broker.ManagementAccess;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;

import javax.management.MBeanServer;
import javax.management.NotificationBroadcaster;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a remote JMX client may reach, decided per call by the {@link ManagementAccess.Operator} its login made
 * ({@link JmxLogin}): put in front of the MBean server of a JMX connector server as its
 * {@link MBeanServerForwarder}.
 * <ul>
 * <li>A queue's bean ({@code dev.gannet:broker=B,type=Queue,name=Q}) needs {@code manage} on the queue; a
 * subscription's ({@code type=Subscription,topic=T,...}) {@code manage} on its topic.</li>
 * <li>The broker's bean, connection beans, every other bean of the JVM (memory, threads, ...) and the beans of other
 * brokers need the broker-wide right ({@link ManagementAccess.Operator#mayManageBroker()}).</li>
 * <li>A queue's or subscription's {@code moveMessage} and {@code moveMessages} also need {@code manage} on the queue
 * they move messages into; its {@code retryMessage} and {@code retryMessages}, which send each message back to the
 * destination the message names, the broker-wide right.</li>
 * <li>The JVM's own beans are only read, even with the broker-wide right: their operations and writable attributes
 * (a diagnostic command, a heap dump, a VM flag) do more than manage the broker.</li>
 * <li>The MBean server's own delegate ({@code JMImplementation:type=MBeanServerDelegate}, which JMX consoles read
 * first) is open to every operator who logged in, but listening to it (its notifications name every bean) needs the
 * broker-wide right.</li>
 * <li>{@code queryNames} and {@code queryMBeans} answer only the beans the operator may reach, {@code isRegistered}
 * false for the others.</li>
 * <li>Creating, registering and unregistering MBeans is refused to everyone: those are ways to run code in the
 * broker's JVM (a remote {@code createMBean} of an {@code MLet} loads classes from anywhere), not management.</li>
 * </ul>
 * Every refusal is a {@link SecurityException} naming the user, the bean and the right it lacks, and nothing of the
 * call is done.
 */
final class MBeanServerGuard implements InvocationHandler {

    /** The MBean server's own bean, readable by every operator. */
    private static final String DELEGATE_DOMAIN = "JMImplementation";
    /**
     * Calls that reach no bean by name and tell nothing beyond what the beans the operator sees tell, and the class
     * loader lookups the connector itself makes to read a call's arguments (no remote client can call them: they are
     * not in {@link javax.management.MBeanServerConnection}).
     */
    private static final Set<String> OPEN = Set.of("getDefaultDomain", "getDomains", "getMBeanCount",
            "getClassLoaderRepository", "getClassLoader", "getClassLoaderFor");
    /** Calls that would create, replace or remove beans or load classes into the broker's JVM. */
    private static final Set<String> REFUSED = Set.of("createMBean", "registerMBean", "unregisterMBean",
            "instantiate", "deserialize");
    /** What a client may do to a bean of the JVM's own: read it. */
    private static final Set<String> JVM_READS = Set.of("getAttribute", "getAttributes", "getMBeanInfo",
            "isInstanceOf", "getObjectInstance", "isRegistered");
    /** Listening to a bean's notifications, a read too unless the listener is a bean the MBean server would call. */
    private static final Set<String> LISTENING = Set.of("addNotificationListener", "removeNotificationListener");
    /** Operations of a queue's or subscription's bean that put messages into the queue their second argument names. */
    private static final Set<String> MOVES = Set.of("moveMessage", "moveMessages");
    /** Operations of a queue's or subscription's bean that send messages back where each came from. */
    private static final Set<String> RETRIES = Set.of("retryMessage", "retryMessages");
    /** {@code Subject.current()} where the JDK has it (18 and later); null before. */
    private static final MethodHandle CURRENT_SUBJECT = currentSubjectHandle();

    private final String brokerName;
    private final Administration administration;
    private volatile MBeanServer target; // set once by setMBeanServer, before the connector server starts

    private MBeanServerGuard(String brokerName, Administration administration) {
        this.brokerName = brokerName;
        this.administration = administration;
    }

    /** The forwarder to give a connector server ({@link javax.management.remote.JMXConnectorServer#setMBeanServerForwarder}). */
    static MBeanServerForwarder forwarder(String brokerName, Administration administration) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[]{MBeanServerForwarder.class}, new MBeanServerGuard(brokerName, administration));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> toString();
            };
        }
        if (name.equals("getMBeanServer") && method.getParameterCount() == 0) {
            return target;
        }
        if (name.equals("setMBeanServer") && method.getParameterCount() == 1) {
            if (target != null) {
                throw new IllegalStateException("The MBean server of " + this + " is set already");
            }
            target = (MBeanServer) args[0];
            return null;
        }
        if (!OPEN.contains(name)) {
            ManagementAccess.Operator operator = operator();
            if (REFUSED.contains(name)) {
                throw new SecurityException("Remote JMX of broker " + brokerName + " does not " + name
                        + ": creating, registering or unregistering MBeans is not management");
            }
            if (name.equals("queryNames") || name.equals("queryMBeans")) {
                return filtered(operator, call(method, args));
            }
            if (args == null || args.length == 0 || !(args[0] instanceof ObjectName bean)) {
                throw new SecurityException("Remote JMX of broker " + brokerName + " does not " + name);
            }
            if (name.equals("isRegistered")) {
                return mayReach(operator, bean) && (Boolean) call(method, args); // no word on beans out of reach
            }
            for (Object arg : args) {
                if (arg instanceof ObjectName named) { // the bean, and a listener bean named beside it
                    check(operator, named);
                }
            }
            if (DELEGATE_DOMAIN.equals(bean.getDomain())) {
                checkDelegateListener(operator, name, bean, args);
            } else if (!ObjectNames.DOMAIN.equals(bean.getDomain())) {
                checkJvmRead(name, bean, args);
            } else if (name.equals("invoke") && isQueueBean(bean)) {
                checkMessagesLeaving(operator, bean, (String) args[1], (Object[]) args[2]);
            }
        }
        return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The beans of a query's answer that {@code operator} may reach. */
    private Set<?> filtered(ManagementAccess.Operator operator, Object answer) {
        return ((Set<?>) answer).stream().filter(found -> mayReach(operator, found instanceof ObjectInstance instance
                ? instance.getObjectName() : (ObjectName) found)).collect(Collectors.toSet());
    }

    private void check(ManagementAccess.Operator operator, ObjectName bean) {
        if (!mayReach(operator, bean)) {
            GannetDestination destination = destinationOf(bean);
            throw new SecurityException(operator + " may not manage " + (destination == null
                    ? "broker " + brokerName + " as a whole (" + bean + "): that needs the right manage on "
                    + dev.gannet.api.Permissions.MANAGEMENT + ", e.g. security.permission.#.manage"
                    : destination + " (" + bean + "): that needs the right manage on it"));
        }
    }

    /**
     * Refuses a listener on the MBean server's delegate to an operator without the broker-wide right: its
     * notifications name every bean registered and unregistered, which {@code queryNames} keeps from it. A remote
     * client's listener passes here as the connector's check that the bean broadcasts ({@code isInstanceOf}
     * {@link NotificationBroadcaster}), or as {@code addNotificationListener} with a listener bean.
     */
    private void checkDelegateListener(ManagementAccess.Operator operator, String call, ObjectName bean,
                                       Object[] args) {
        boolean listening = LISTENING.contains(call) || call.equals("isInstanceOf") && args.length > 1
                && NotificationBroadcaster.class.getName().equals(args[1]);
        if (listening && !operator.mayManageBroker()) {
            throw new SecurityException(operator + " may not listen to " + bean + ": its notifications name every"
                    + " bean, which needs the right manage on " + dev.gannet.api.Permissions.MANAGEMENT
                    + ", e.g. security.permission.#.manage");
        }
    }

    /**
     * Refuses every call on a bean of the JVM's own (memory, threads,
     * {@code com.sun.management:type=DiagnosticCommand}, ...) but a read: their operations and writable attributes
     * start agents, load native code, dump the heap or change the VM's flags — more than managing the broker, which is
     * all the broker-wide right grants.
     */
    private void checkJvmRead(String call, ObjectName bean, Object[] args) {
        boolean listening = LISTENING.contains(call) && !(args.length > 1 && args[1] instanceof ObjectName);
        if (!JVM_READS.contains(call) && !listening) {
            throw new SecurityException("Remote JMX of broker " + brokerName + " may only read the JVM's own beans: "
                    + call + (call.equals("invoke") ? " " + args[1] : "") + " on " + bean + " refused");
        }
    }

    /**
     * A move's messages enter the queue it names, which therefore needs the right {@code manage} as much as the queue
     * they leave; a retry's go back to the destination each message names ({@code _GANNET_ORIGINAL_DESTINATION}),
     * which may be any, so it needs the broker-wide right.
     */
    private void checkMessagesLeaving(ManagementAccess.Operator operator, ObjectName bean, String operation,
                                      Object[] parameters) {
        if (MOVES.contains(operation)) {
            Object target = parameters == null || parameters.length < 2 ? null : parameters[1];
            if (target instanceof String queue && !queue.isEmpty()) {
                GannetDestination destination = administration.queue(queue)
                        .orElseGet(() -> GannetDestination.of(DestinationKind.QUEUE, queue));
                if (!operator.mayManage(destination)) {
                    throw new SecurityException(operator + " may not move messages into " + destination + " ("
                            + operation + " on " + bean + "): that needs the right manage on " + destination);
                }
            }
        } else if (RETRIES.contains(operation) && !operator.mayManageBroker()) {
            throw new SecurityException(operator + " may not retry messages (" + operation + " on " + bean
                    + "): a retry sends each message back to the destination it names, which needs the right manage"
                    + " on " + dev.gannet.api.Permissions.MANAGEMENT + ", e.g. security.permission.#.manage");
        }
    }

    /** Whether {@code bean} is a queue's or a subscription's, whose operations move and retry messages. */
    private static boolean isQueueBean(ObjectName bean) {
        String type = bean.getKeyProperty("type");
        return ObjectNames.DOMAIN.equals(bean.getDomain()) && ("Queue".equals(type) || "Subscription".equals(type));
    }

    private boolean mayReach(ManagementAccess.Operator operator, ObjectName bean) {
        if (DELEGATE_DOMAIN.equals(bean.getDomain())) {
            return true;
        }
        GannetDestination destination = destinationOf(bean);
        return destination == null ? operator.mayManageBroker() : operator.mayManage(destination);
    }

    /**
     * The queue of a queue bean, the topic of a subscription bean, of this broker; null for every other bean (the
     * broker's, a connection's, the JVM's, another broker's), which the broker-wide right covers.
     */
    private GannetDestination destinationOf(ObjectName bean) {
        if (!ObjectNames.DOMAIN.equals(bean.getDomain()) || bean.isPattern()
                || !brokerName.equals(unquoted(bean.getKeyProperty("broker")))) {
            return null;
        }
        String type = bean.getKeyProperty("type");
        if ("Queue".equals(type)) {
            String queue = unquoted(bean.getKeyProperty("name"));
            return queue == null ? null : administration.queue(queue)
                    .orElseGet(() -> GannetDestination.of(DestinationKind.QUEUE, queue));
        }
        if ("Subscription".equals(type)) {
            String topic = unquoted(bean.getKeyProperty("topic"));
            return topic == null ? null : administration.topics().stream()
                    .filter(candidate -> candidate.name().equals(topic)).findFirst()
                    .orElseGet(() -> GannetDestination.of(DestinationKind.TOPIC, topic));
        }
        return null;
    }

    private static String unquoted(String value) {
        return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }

    /** The operator of the calling remote client, as {@link JmxLogin} put it in the call's subject. */
    private ManagementAccess.Operator operator() {
        Subject subject = currentSubject();
        if (subject != null) {
            for (JmxLogin.OperatorPrincipal principal : subject.getPrincipals(JmxLogin.OperatorPrincipal.class)) {
                return principal.operator();
            }
        }
        throw new SecurityException("Remote JMX of broker " + brokerName + ": the call comes from no logged-in"
                + " operator");
    }

    @SuppressWarnings("removal")
    private static Subject currentSubject() {
        if (CURRENT_SUBJECT != null) {
            try {
                return (Subject) CURRENT_SUBJECT.invokeExact();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        return Subject.getSubject(java.security.AccessController.getContext());
    }

    private static MethodHandle currentSubjectHandle() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "current", MethodType.methodType(
                    Subject.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17: the subject is read from the access control context
        }
    }

    @Override
    public String toString() {
        return "MBeanServerGuard[broker " + brokerName + "]";
    }
}
