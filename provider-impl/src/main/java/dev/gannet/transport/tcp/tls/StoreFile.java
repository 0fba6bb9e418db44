package dev.gannet.transport.tcp.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A key store or trust store file, as TLS reads it: where it is, its password and its type. Immutable; the file is
 * read each time a TLS context is made from it.
 *
 * @param path     the file
 * @param password its password; null for none (a trust store may have none)
 * @param type     {@value #PKCS12} or {@value #JKS}
 */
public record StoreFile(Path path, String password, String type) {

    public static final String PKCS12 = "PKCS12";
    public static final String JKS = "JKS";

    /**
     * @throws IllegalArgumentException if the type is not PKCS12 or JKS
     */
    public StoreFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        type = type.toUpperCase(Locale.ROOT);
        if (!type.equals(PKCS12) && !type.equals(JKS)) {
            throw new IllegalArgumentException("store type '" + type + "' is not " + PKCS12 + " or " + JKS);
        }
    }

    /** A store of {@code type} at {@code path}; the type {@value #PKCS12} when {@code type} is null. */
    public static StoreFile of(Path path, String password, String type) {
        return new StoreFile(path, password, type == null ? PKCS12 : type);
    }

    /**
     * The key managers of this store, as a key store: its private keys (each under the store's password) and their
     * certificate chains.
     *
     * @throws IllegalArgumentException naming the file and what is wrong: no password, missing, unreadable, not of its
     *                                  type, a wrong password, no private key in it
     */
    public KeyManagerFactory keyManagers() {
        if (password == null) {
            throw new IllegalArgumentException(describe() + " needs its password: the private key in it is read with"
                    + " it");
        }
        KeyStore store = load();
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException(describe() + " holds no private key (a key store needs the key and"
                        + " certificate chain this side shows its peer)");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password.toCharArray());
            return factory;
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(describe() + ": a private key in it cannot be read with the store's"
                    + " password (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The trust managers of this store, as a trust store: the certificates it holds are the ones trusted.
     *
     * @throws IllegalArgumentException naming the file and what is wrong: missing, unreadable, not of its type, a wrong
     *                                  password, no certificate in it
     */
    public TrustManagerFactory trustManagers() {
        KeyStore store = load();
        try {
            if (store.size() == 0) {
                throw new IllegalArgumentException(describe() + " holds no certificate to trust" + (password == null
                        ? " that can be read without a password (give its password)" : ""));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code managers} of a store playing {@code role}, e.g. {@code "trust store"}, which a failure's message then
     * starts with.
     */
    static <T> T read(String role, Supplier<T> managers) {
        try {
            return managers.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(role + " " + e.getMessage(), e);
        }
    }

    private KeyStore load() {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(describe() + " does not exist"
                    + (Files.exists(path) ? " as a file" : ""));
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(describe() + ": the password is wrong", e);
            }
            throw unreadable(e);
        } catch (GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    private IllegalArgumentException unreadable(Exception e) {
        return new IllegalArgumentException(describe() + " cannot be read as a " + type + " store: " + e.getMessage(),
                e);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String describe() {
        return "'" + path + "' (" + type + ")";
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "StoreFile[" + path + ", " + type + (password == null ? "" : ", password ***") + "]";
    }
}
