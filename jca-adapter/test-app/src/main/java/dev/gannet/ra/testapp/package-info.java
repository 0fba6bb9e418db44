/**
 * The application that proves Gannet's resource adapter inside a Jakarta EE server: a stateless bean that sends
 * in container-managed transactions (alone and beside an XA datasource), message-driven beans on a queue, a
 * durable topic subscription, a poisoned queue and a selector, and a bean with an injected {@code JMSContext} on a
 * factory that {@code @JMSConnectionFactoryDefinition} defines.
 *
 * <p>It is server-neutral: beans name only component environment entries ({@code java:comp/env/jms/gannet},
 * {@code jdbc/orders}) that each server's deployment descriptor maps to that server's resources, physical
 * destination names ({@link dev.gannet.ra.testapp.Destinations}), and the spec's APIs. What binds it to the adapter
 * in each server (WildFly's {@code jboss-ejb3.xml} and {@code ironjacamar.xml}, Liberty's {@code server.xml}) lives
 * in the server's test module. {@link dev.gannet.ra.testapp.scenarios.AdapterScenarios} holds the tests both
 * servers run.
 */
package dev.gannet.ra.testapp;
