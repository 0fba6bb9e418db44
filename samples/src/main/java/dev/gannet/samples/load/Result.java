package dev.gannet.samples.load;

/**
 * What one workload run measured.
 *
 * @param rate      the main throughput (the table's msgs/s and MB/s)
 * @param secondary a second throughput worth a note (fan-out deliveries, backlog drain), or null
 * @param latency   round-trip latencies, or null when the workload measures none
 */
public record Result(Rate rate, Rate secondary, Latencies latency) {

    static Result of(Rate rate) {
        return new Result(rate, null, null);
    }
}
