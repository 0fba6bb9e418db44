package dev.gannet.samples.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Reads the wall clock and the CPU time used by this whole JVM together, so that a measured interval knows both how
 * long it took and how much CPU it cost. Process CPU, not the calling thread's: every provider's broker is embedded
 * in the measuring JVM, so its threads (and the JIT and GC threads, as for every provider) are counted too.
 *
 * <p>The JVM reads process CPU from the OS in clock ticks (on Linux {@code times()}, 10 ms), so an interval's CPU is
 * off by up to a tick: close for the seconds-long intervals of a full-scale run, coarse for a smoke run. Summing the
 * threads' own CPU times would be finer but would miss every thread that ended within the interval.
 */
final class ProcessClock {

    private final com.sun.management.OperatingSystemMXBean system; // null when the JVM cannot report process CPU

    ProcessClock() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        system = bean instanceof com.sun.management.OperatingSystemMXBean sun
                && sun.getProcessCpuTime() >= 0 ? sun : null;
    }

    /** Starts an interval now. */
    Mark start() {
        return new Mark(System.nanoTime(), cpuNanos());
    }

    /** CPU nanoseconds used by this JVM so far, or -1 if it cannot tell. */
    private long cpuNanos() {
        return system == null ? -1 : system.getProcessCpuTime();
    }

    /** Where an interval started; {@link #stop()} ends it. */
    final class Mark {

        private final long wallNanos;
        private final long cpuNanos;

        private Mark(long wallNanos, long cpuNanos) {
            this.wallNanos = wallNanos;
            this.cpuNanos = cpuNanos;
        }

        /** Ends the interval now. */
        Span stop() {
            long cpu = cpuNanos();
            return new Span(System.nanoTime() - wallNanos, cpuNanos < 0 || cpu < 0 ? -1 : cpu - cpuNanos);
        }
    }
}
