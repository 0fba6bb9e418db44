/**
 * Gannet's management interfaces: MXBeans a running broker registers in the JVM's platform MBean server
 * ({@link java.lang.management.ManagementFactory#getPlatformMBeanServer()}), readable with jconsole, VisualVM,
 * {@code jcmd} or any JMX client, and from code through {@link javax.management.JMX#newMXBeanProxy}.
 *
 * <p>Object names ({@link ObjectNames} makes them), for a broker named {@code B}:
 * <table>
 * <caption>Gannet's MXBeans</caption>
 * <tr><th>MXBean</th><th>object name</th><th>one per</th></tr>
 * <tr><td>{@link BrokerMXBean}</td><td>{@code dev.gannet:type=Broker,name=B}</td><td>running broker</td></tr>
 * <tr><td>{@link QueueMXBean}</td><td>{@code dev.gannet:broker=B,type=Queue,name=Q}</td><td>queue, permanent or
 * temporary</td></tr>
 * <tr><td>{@link SubscriptionMXBean}</td><td>{@code dev.gannet:broker=B,type=Subscription,topic=T,kind=K,name=S}
 * (and {@code clientId=C} when the subscription has a client ID)</td><td>topic subscription</td></tr>
 * <tr><td>{@link ConnectionMXBean}</td><td>{@code dev.gannet:broker=B,type=Connection,name=N}</td><td>open client
 * connection</td></tr>
 * </table>
 * {@code K} is {@code durable} (a durable subscription, shared or not), {@code shared} (a shared non-durable one) or
 * {@code non-durable} (an unshared non-durable one, which has no name: {@code S} is then the broker's number for its
 * queue of messages). {@code N} is the broker's number for the connection. A value that is empty or holds one of
 * {@code , = : " * ? \ } or a line break is quoted with {@link javax.management.ObjectName#quote}; every other value
 * is written as it is. Broker names never need quoting.
 * {@code dev.gannet:broker=B,*} finds every MXBean of broker {@code B} except its {@code type=Broker} one.
 *
 * <p>The MXBeans come and go with what they describe: registered when the broker starts (for what it recovered) and
 * as queues, subscriptions and connections are created, unregistered as they are removed and, all of them, when the
 * broker stops. Two brokers of different names in one JVM each have their own. Registration is switched off with
 * {@link dev.gannet.api.BrokerConfig#jmxEnabled()} (the standalone server's {@code management.jmx.enabled=false}).
 *
 * <p>Operations fail with {@link IllegalArgumentException} (an unknown queue, a bad selector, a bad argument) or
 * {@link IllegalStateException} (the object is gone, the store failed) and a message that says what was wrong; they
 * carry no Gannet or Jakarta Messaging exception, so a JMX client needs no Gannet class to read them.
 */
package dev.gannet.api.management;
