package dev.gannet.samples.load;

/**
 * A measured interval.
 *
 * @param wallNanos elapsed wall-clock nanoseconds
 * @param cpuNanos  CPU nanoseconds this JVM used in it (all its threads), or -1 if the JVM cannot report it
 */
record Span(long wallNanos, long cpuNanos) {

    /** This interval's CPU with a different length, for a rate timed over part of it (a publisher's own time). */
    Span withWallNanos(long wall) {
        return new Span(wall, cpuNanos);
    }
}
