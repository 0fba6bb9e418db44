package dev.gannet.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), 1_000);
        assertTrue(hash.matches("s3cret".toCharArray()));
        assertFalse(hash.matches("s3cret ".toCharArray()));
        assertFalse(hash.matches(new char[0]));
    }

    @Test
    void theWrittenFormNamesAlgorithmIterationsSaltAndHashAndReadsBack() {
        PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), 1_234);
        String written = hash.toString();
        assertTrue(written.matches("ENC\\(PBKDF2WithHmacSHA256:1234:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}\\)"),
                written);
        PasswordHash read = PasswordHash.parse(written);
        assertEquals(hash, read);
        assertTrue(read.matches("s3cret".toCharArray()));
    }

    @Test
    void eachHashHasItsOwnRandomSalt() {
        assertNotEquals(PasswordHash.of("same".toCharArray(), 1_000).toString(),
                PasswordHash.of("same".toCharArray(), 1_000).toString());
    }

    @Test
    void newHashesUseSixHundredThousandIterationsByDefault() {
        assertEquals(600_000, PasswordHash.DEFAULT_ITERATIONS);
        assertEquals(600_000, UsersFile.DEFAULT_ITERATIONS);
    }

    @Test
    void malformedHashesAreRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("secret")).getMessage()
                .contains("not a hash"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("ENC(MD5:1000:AAAA:AAAA)"))
                .getMessage().contains("MD5"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.parse("ENC(PBKDF2WithHmacSHA256:10:AAAAAAAAAAAAAAAAAAAAAA==:"
                        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=)")).getMessage().contains("10 iterations"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.parse("ENC(PBKDF2WithHmacSHA256:x:AAAA:AAAA)")).getMessage().contains("'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.parse("ENC(PBKDF2WithHmacSHA256:1000:%%%:AAAA)")).getMessage().contains("Base64"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of("x".toCharArray(), 999));
    }
}
