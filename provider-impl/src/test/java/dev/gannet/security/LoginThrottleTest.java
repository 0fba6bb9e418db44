package dev.gannet.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(100, 1_000, now::get);

    @Test
    void eachFailureOfAnAddressWaitsTwiceAsLongUpToTheCap() {
        assertEquals(100, throttle.failed("10.0.0.7"));
        assertEquals(200, throttle.failed("10.0.0.7"));
        assertEquals(400, throttle.failed("10.0.0.7"));
        assertEquals(800, throttle.failed("10.0.0.7"));
        assertEquals(1_000, throttle.failed("10.0.0.7"));
        for (int i = 0; i < 100; i++) {
            assertEquals(1_000, throttle.failed("10.0.0.7"));
        }
        assertEquals(100, throttle.failed("10.0.0.8"), "another address has its own count");
    }

    @Test
    void aGoodLoginForgetsTheFailuresOfItsAddress() {
        throttle.failed("10.0.0.7");
        throttle.failed("10.0.0.7");
        throttle.succeeded("10.0.0.7");
        assertEquals(0, throttle.failures("10.0.0.7"));
        assertEquals(100, throttle.failed("10.0.0.7"));
    }

    @Test
    void failuresLongAgoAreForgotten() {
        throttle.failed("10.0.0.7");
        throttle.failed("10.0.0.7");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(LoginThrottle.FORGET_AFTER_MILLIS) + 1);
        assertEquals(0, throttle.failures("10.0.0.7"));
        assertEquals(100, throttle.failed("10.0.0.7"));
    }

    @Test
    void theHostOfAnAddressLeavesThePortOut() {
        assertEquals("10.0.0.7", LoginThrottle.host("10.0.0.7:53122"));
        assertEquals("::1", LoginThrottle.host("[::1]:53122"));
        assertEquals("0:0:0:0:0:0:0:1", LoginThrottle.host("0:0:0:0:0:0:0:1:53122"));
        assertEquals("vm", LoginThrottle.host("vm"));
    }
}
