/**
 * Samples that talk to a standalone Gannet server over tcp, one JVM per role. Start the server first, from the
 * repository root after {@code mvn -q -B install -DskipTests}, with the example config {@code samples/gannet.properties}
 * (its store goes to {@code samples/gannet-data/server}):
 * <pre>
 * mvn -q -B -pl samples exec:java -Dsample=dev.gannet.server.GannetServer -Dexec.args=samples/gannet.properties
 * </pre>
 * or, outside Maven, {@code java -cp CLASSPATH dev.gannet.server.GannetServer samples/gannet.properties} (CLASSPATH:
 * provider-impl and its dependencies). It prints {@code Gannet broker gannet listening on tcp://127.0.0.1:61616 ...}
 * and stops cleanly on Ctrl-C or SIGTERM;
 * then run each sample with {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.CLASS
 * -Dexec.args="tcp://127.0.0.1:61616 ..."}. The first argument of every sample is the broker URL (default
 * {@code tcp://127.0.0.1:61616}).
 */
package dev.gannet.samples.tcp;
