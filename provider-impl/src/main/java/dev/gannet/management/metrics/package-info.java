/**
 * A broker's figures as Micrometer meters, and the standalone server's Prometheus endpoint serving them. Micrometer is
 * an optional dependency of Gannet: only who uses these classes needs it on the class path.
 *
 * <ul>
 *   <li>{@link dev.gannet.management.metrics.GannetMetrics} — a {@code MeterBinder} over the broker's
 *       {@link dev.gannet.broker.Administration}: broker-wide gauges and, per queue and subscription, the counters and
 *       gauges of its MXBean, added and removed as queues and subscriptions come and go (the broker's lifecycle
 *       events). An application binds it to its own {@code MeterRegistry}.</li>
 *   <li>{@link dev.gannet.management.metrics.PrometheusEndpoint} — those meters (and the JVM's) in a
 *       {@code PrometheusMeterRegistry}, served at {@code /metrics} by the JDK's HTTP server; the standalone server
 *       opens it when {@code management.metrics.port} is set.</li>
 * </ul>
 */
package dev.gannet.management.metrics;
