/**
 * The {@code gannet} command-line tool ({@link dev.gannet.cli.Gannet}, run by the launcher script {@code bin/gannet}
 * of the distribution {@code provider-impl/target/gannet}): the standalone server, and the administration of a running
 * one through its MXBeans over remote JMX, never through the broker's internals.
 */
package dev.gannet.cli;
