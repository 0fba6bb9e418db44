package dev.gannet.transport.tcp.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says what went wrong in a TLS handshake, for the side that reads it: the client's user (why the connection was
 * refused, and which URL option to look at) or the broker's operator (which client failed, and why). The JDK's TLS
 * implementation reports a failure as an {@link SSLException} whose causes and alert names tell the reasons apart.
 */
public final class HandshakeFailures {

    private static final String ALERT = "Received fatal alert: ";

    private HandshakeFailures() {
    }

    /** Whether {@code failure} comes from TLS: an {@link SSLException} among its causes. */
    public static boolean isTls(Throwable failure) {
        return find(failure, SSLException.class).isPresent();
    }

    /**
     * Why a client's handshake with a broker failed, e.g. {@code "the broker's certificate is not trusted (...)"}.
     */
    public static String seenByClient(Throwable failure) {
        String alert = alert(failure);
        String reason;
        if (find(failure, CertificateExpiredException.class).isPresent()) {
            reason = "the broker's certificate has expired";
        } else if (find(failure, CertificateNotYetValidException.class).isPresent()) {
            reason = "the broker's certificate is not valid yet";
        } else if (find(failure, CertPathBuilderException.class).isPresent()) {
            reason = "the broker's certificate is not trusted: it does not chain to a certificate of the trust store"
                    + " (trustStorePath option; without it, the JVM's default trust store)";
        } else if (find(failure, CertPathValidatorException.class).isPresent()) {
            reason = "the broker's certificate chain is not valid";
        } else if (isHostMismatch(failure)) {
            reason = "the broker's certificate is not for the host connected to (host name verification;"
                    + " verifyHost=false turns it off)";
        } else if (alert != null) {
            reason = switch (alert) {
                case "certificate_required" -> "the broker requires a client certificate and this client gave none"
                        + " (keyStorePath option)";
                case "bad_certificate", "certificate_unknown", "unknown_ca", "unsupported_certificate" ->
                        "the broker refused the client's certificate, or its lack of one: it requires a client"
                                + " certificate it trusts (keyStorePath option)";
                case "certificate_expired" -> "the broker refused the client's certificate: it has expired";
                case "protocol_version" -> "the broker accepts none of the TLS protocols offered (enabledProtocols"
                        + " option)";
                case "handshake_failure", "insufficient_security" -> "the broker and this client have no TLS protocol"
                        + " and cipher suite in common (enabledProtocols, enabledCipherSuites options)";
                default -> "the broker sent TLS alert " + alert;
            };
        } else if (mentions(failure, "No appropriate protocol")) {
            reason = "no TLS protocol offered is usable with the cipher suites offered (enabledProtocols,"
                    + " enabledCipherSuites options)";
        } else if (find(failure, NotSslRecordException.class).isPresent()) {
            reason = "the broker does not speak TLS; is this a TLS port?";
        } else if (find(failure, SslHandshakeTimeoutException.class).isPresent()) {
            reason = "the broker did not complete the handshake in time; is this a TLS port?";
        } else if (isClosed(failure)) {
            reason = "the broker closed the connection during the handshake; is this a TLS port?";
        } else {
            reason = "TLS failure";
        }
        return withDetail(reason, failure);
    }

    /**
     * Why a client's handshake with a broker's TLS listener failed, e.g. {@code "the client sent no certificate, and
     * this listener requires one"}.
     */
    public static String seenByBroker(Throwable failure) {
        String alert = alert(failure);
        String reason;
        if (mentions(failure, "Empty client certificate chain")) {
            reason = "the client sent no certificate, and this listener requires one";
        } else if (find(failure, CertificateExpiredException.class).isPresent()) {
            reason = "the client's certificate has expired";
        } else if (find(failure, CertificateNotYetValidException.class).isPresent()) {
            reason = "the client's certificate is not valid yet";
        } else if (find(failure, CertPathBuilderException.class).isPresent()) {
            reason = "the client's certificate is not trusted: it does not chain to a certificate of the trust store";
        } else if (find(failure, CertPathValidatorException.class).isPresent()) {
            reason = "the client's certificate chain is not valid";
        } else if (alert != null) {
            reason = switch (alert) {
                case "certificate_unknown", "bad_certificate", "unknown_ca", "certificate_expired" ->
                        "the client refused this listener's certificate (alert " + alert + "): it does not trust it,"
                                + " it expired, or it is not for the host the client connected to";
                case "protocol_version", "handshake_failure", "insufficient_security" ->
                        "the client and this listener have no TLS protocol and cipher suite in common (alert " + alert
                                + ")";
                default -> "the client sent TLS alert " + alert;
            };
        } else if (mentions(failure, "not enabled or supported in server context")
                || mentions(failure, "no cipher suites in common")) {
            reason = "the client offers no TLS protocol and cipher suite this listener accepts";
        } else if (find(failure, NotSslRecordException.class).isPresent()) {
            reason = "the client does not speak TLS";
        } else if (find(failure, SslHandshakeTimeoutException.class).isPresent()) {
            reason = "the client did not complete the handshake in time";
        } else if (isClosed(failure)) {
            reason = "the client closed the connection during the handshake";
        } else {
            reason = "TLS failure";
        }
        return withDetail(reason, failure);
    }

    /** The deepest message among {@code failure}'s causes, else its class name. */
    public static String detail(Throwable failure) {
        String detail = failure.getClass().getSimpleName();
        for (Throwable t : chain(failure)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                detail = t.getMessage();
            }
        }
        return detail;
    }

    /** The reason and, in parentheses, the deepest message the JDK gave. */
    private static String withDetail(String reason, Throwable failure) {
        return reason + " (" + detail(failure) + ")";
    }

    /** The name of the fatal alert the peer sent, e.g. {@code bad_certificate}; null when none. */
    private static String alert(Throwable failure) {
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (t instanceof SSLException && message != null && message.startsWith(ALERT)) {
                return message.substring(ALERT.length()).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The JDK's host name check (sun.security.util.HostnameChecker) failed. */
    private static boolean isHostMismatch(Throwable failure) {
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (t instanceof CertificateException && message != null
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClosed(Throwable failure) {
        return find(failure, ClosedChannelException.class).isPresent()
                || mentions(failure, "Connection closed while SSL/TLS handshake was in progress")
                || find(failure, IOException.class).filter(e -> !(e instanceof SSLException)).isPresent();
    }

    private static boolean mentions(Throwable failure, String text) {
        return chain(failure).stream().anyMatch(t -> t.getMessage() != null && t.getMessage().contains(text));
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** {@code failure}, its causes and what they suppressed, outermost first. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        collect(failure, chain);
        return chain;
    }

    private static void collect(Throwable failure, List<Throwable> chain) {
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            for (Throwable suppressed : t.getSuppressed()) {
                collect(suppressed, chain);
            }
        }
    }
}
