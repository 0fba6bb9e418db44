package dev.gannet.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A password as a users file keeps it: PBKDF2 with HMAC-SHA256 of the JDK, a random salt, many iterations, written
 * self-describing as {@code ENC(PBKDF2WithHmacSHA256:ITERATIONS:SALT:HASH)} (salt and hash in Base64). Immutable.
 * Checking a password costs the iterations' CPU time on purpose; {@link #matches} compares in constant time.
 */
final class PasswordHash {

    /** The one algorithm written and read. */
    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** Iterations of a new hash unless asked otherwise: OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this are refused when read: they would not slow a guesser down. */
    static final int MIN_ITERATIONS = 1_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String PREFIX = "ENC(";
    private static final String SUFFIX = ")";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** A new hash of {@code password} with a new random salt and {@code iterations} iterations. */
    static PasswordHash of(char[] password, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("A password hash needs at least " + MIN_ITERATIONS
                    + " iterations, not " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BITS));
    }

    /** Whether {@code value} is written as a hash ({@code ENC(...)}), well-formed or not: else it is plain text. */
    static boolean looksHashed(String value) {
        return value.startsWith(PREFIX) && value.endsWith(SUFFIX);
    }

    /**
     * Reads a hash written by {@link #toString()}.
     *
     * @throws IllegalArgumentException saying what is wrong if {@code value} is not such a hash
     */
    static PasswordHash parse(String value) {
        if (!looksHashed(value)) {
            throw new IllegalArgumentException("not a hash ENC(" + ALGORITHM + ":ITERATIONS:SALT:HASH)");
        }
        String[] parts = value.substring(PREFIX.length(), value.length() - SUFFIX.length()).split(":", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a hash has 4 parts ALGORITHM:ITERATIONS:SALT:HASH, not "
                    + parts.length);
        }
        if (!parts[0].equals(ALGORITHM)) {
            throw new IllegalArgumentException("hash algorithm " + parts[0] + " is not " + ALGORITHM);
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations '" + parts[1] + "' is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException(iterations + " iterations are fewer than the " + MIN_ITERATIONS
                    + " required");
        }
        byte[] salt = base64(parts[2], "salt");
        byte[] hash = base64(parts[3], "hash");
        if (salt.length < 8 || hash.length < 16) {
            throw new IllegalArgumentException("salt of " + salt.length + " bytes or hash of " + hash.length
                    + " bytes is too short");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    private static byte[] base64(String value, String what) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not Base64");
        }
    }

    /** Whether {@code password} is the password hashed; its time does not depend on where a wrong one differs. */
    boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length * 8));
    }

    int iterations() {
        return iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** {@code ENC(PBKDF2WithHmacSHA256:ITERATIONS:SALT:HASH)}. */
    @Override
    public String toString() {
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + ALGORITHM + ":" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(hash) + SUFFIX;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations && Arrays.equals(salt, that.salt)
                && MessageDigest.isEqual(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt);
    }
}
