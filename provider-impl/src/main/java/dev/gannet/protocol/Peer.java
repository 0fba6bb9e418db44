package dev.gannet.protocol;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where a client connection comes from, as its transport knows it: the address to name in logs and to slow down
 * failed logins by, and, on a TLS connection whose client authenticated, the client's certificate chain (the client's
 * own certificate first) for certificate login.
 *
 * @param address           the remote address, e.g. {@code "127.0.0.1:53122"}; {@code "vm"} in the same JVM
 * @param certificateChain  the client's verified certificate chain, empty unless TLS with client authentication
 */
public record Peer(String address, List<X509Certificate> certificateChain) {

    /** A client in the broker's own JVM. */
    public static final Peer IN_VM = new Peer("vm", List.of());

    public Peer {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("A peer needs an address");
        }
        certificateChain = List.copyOf(certificateChain);
    }

    /** The client's own certificate, or null when it presented none. */
    public X509Certificate certificate() {
        return certificateChain.isEmpty() ? null : certificateChain.get(0);
    }

    @Override
    public String toString() {
        X509Certificate certificate = certificate();
        return certificate == null ? address : address + " (" + certificate.getSubjectX500Principal().getName() + ")";
    }
}
