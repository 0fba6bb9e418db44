package dev.gannet.security;

import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A certificate users file, in the format of ActiveMQ Artemis' {@code cert-users.properties}: a {@link Properties}
 * file of {@code user = REGEX} lines, where REGEX is a Java regular expression that the whole subject distinguished
 * name of a client certificate must match (in the file, a backslash of the expression is written twice). A
 * certificate is matched against its subject both as RFC 2253 writes it ({@code CN=alice,O=Example}) and as
 * Artemis shows it ({@code CN=alice, O=Example}). Immutable.
 */
final class CertificateUsers {

    private record Entry(String user, Pattern subject) {
    }

    private final List<Entry> entries;

    private CertificateUsers(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * What a certificate users file's bytes say.
     *
     * @throws IllegalArgumentException naming the user whose expression is not a valid regular expression
     */
    static CertificateUsers parse(byte[] bytes) {
        Properties lines = PropertiesText.parse(bytes);
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String user : new TreeSet<>(lines.stringPropertyNames())) {
            String regex = lines.getProperty(user).trim();
            if (user.isEmpty() || regex.isEmpty()) {
                problems.add("a line has no user name or no subject expression");
                continue;
            }
            try {
                entries.add(new Entry(user, Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                problems.add("the subject expression of user '" + user + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new CertificateUsers(List.copyOf(entries));
    }

    /**
     * The user whose expression matches the subject of {@code certificate}, or null if none does; when several do,
     * the first by user name.
     */
    String userOf(X509Certificate certificate) {
        X500Principal subject = certificate.getSubjectX500Principal();
        String rfc2253 = subject.getName(X500Principal.RFC2253);
        String shown = subject.getName(X500Principal.RFC1779);
        for (Entry entry : entries) {
            if (entry.subject.matcher(rfc2253).matches() || entry.subject.matcher(shown).matches()) {
                return entry.user;
            }
        }
        return null;
    }
}
