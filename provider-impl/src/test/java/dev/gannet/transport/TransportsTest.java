package dev.gannet.transport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broker URL's scheme picks its transport; the transport takes its own options and leaves the others. */
class TransportsTest {

    private static final BrokerAddress SOMEWHERE = (open, endpoint) -> {
        throw new UnsupportedOperationException("not connected in this test");
    };

    /** A transport for {@code scheme} that takes the option {@code colour}. */
    private static TransportFactory transport(String scheme) {
        return new TransportFactory() {
            @Override
            public String scheme() {
                return scheme;
            }

            @Override
            public String usage() {
                return scheme + "://ADDRESS";
            }

            @Override
            public BrokerAddress address(BrokerUrl url) {
                url.take("colour");
                return SOMEWHERE;
            }
        };
    }

    private final Transports transports = new Transports(List.of(transport("near"), transport("far")));

    @Test
    void theSchemePicksTheTransportWhichTakesItsOwnOptions() {
        BrokerUrl url = BrokerUrl.parse("far://x?colour=blue&prefetch=5");
        assertSame(SOMEWHERE, transports.address(url));
        assertEquals(List.of("prefetch"), url.untaken());
    }

    @Test
    void unknownSchemeIsRefusedNamingItAndTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> transports.address(BrokerUrl.parse("ftp://x")));
        assertEquals("Broker URL 'ftp://x': scheme 'ftp' is not supported; use near://ADDRESS or far://ADDRESS",
                refused.getMessage());
    }

    @Test
    void urlWithoutSchemeIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> transports.address(BrokerUrl.parse("localhost")));
        assertTrue(refused.getMessage().contains("scheme 'null' is not supported"), refused.getMessage());
    }

    @Test
    void twoTransportsForOneSchemeAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Transports(List.of(transport("near"), transport("near"))));
    }

    @Test
    void optionsAreTakenOnceAndCheckedByType() {
        BrokerUrl url = BrokerUrl.parse("near://x?on=true&count=7&bad=maybe");
        assertTrue(url.takeFlag("on"));
        assertEquals(7, url.takeNumber("count", 1, 10));
        assertEquals(1, url.takeNumber("count", 1, 10), "taken already: the fallback");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> url.takeFlag("bad"));
        assertEquals("Broker URL 'near://x?on=true&count=7&bad=maybe': bad must be true or false, not 'maybe'",
                refused.getMessage());
    }
}
