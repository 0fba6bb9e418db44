/**
 * JMX management of a running broker: the MXBeans of {@link dev.gannet.api.management} as small adapters over the
 * broker's {@link dev.gannet.broker.Administration}, registered in an MBean server (the platform one) while the broker
 * runs.
 *
 * <ul>
 *   <li>{@link dev.gannet.management.JmxManagement} — registers the beans of what the broker holds when it starts,
 *       follows queues, subscriptions and connections coming and going by the broker's lifecycle events, and
 *       unregisters every bean when closed (before the broker stops). Its launchers ({@code VmBrokerRegistry}, the
 *       standalone server's {@code RunningServer}) open it when {@link dev.gannet.api.BrokerConfig#jmxEnabled()}.</li>
 *   <li>{@code BrokerControl}, {@code QueueControl}, {@code SubscriptionControl}, {@code ConnectionControl} — one
 *       adapter per MXBean interface, each holding only the administration and the address of what it
 *       describes; each call goes through the administration.</li>
 *   <li>{@code MessageInfos} — a browsed message's headers, properties and body preview as a
 *       {@link dev.gannet.api.management.MessageInfo}.</li>
 *   <li>{@code OperationFailures} — the one place broker failures become the {@link IllegalArgumentException} or
 *       {@link IllegalStateException} a JMX client can read without Gannet's classes.</li>
 *   <li>{@link dev.gannet.management.RemoteJmx} — the JDK's RMI connector and its registry on one address (the
 *       standalone server's {@code management.jmx.remote.*} keys), plain or over TLS; {@code JmxLogin} logs its
 *       clients in with the broker's users ({@link dev.gannet.broker.ManagementAccess}), {@code MBeanServerGuard}
 *       checks each call against the client's right {@code manage}.</li>
 * </ul>
 */
package dev.gannet.management;
