package dev.gannet.tck.admin;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Admin hook for the reference run ({@code -Preference}): with {@code tck.admin.artemis=DIR} it starts an embedded
 * Apache ActiveMQ Artemis broker for the launcher session, configured by {@value #BROKER_XML} (in-vm acceptor
 * {@code vm://0}, persistence and security off, the suite's queues and topics; its directories under DIR, which is
 * emptied first) and stops it when the session closes. Without the property it does nothing.
 * <p>
 * Artemis is reached only reflectively, so this class compiles and loads without Artemis: only the reference profile
 * puts Artemis on the test class path, and the default build neither downloads nor needs it.
 */
public final class ArtemisAdminSession implements LauncherSessionListener {

    static final String BROKER_XML = "artemis-tck-broker.xml";
    private static final String EMBEDDED = "org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ";

    private Object broker;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String dir = System.getProperty("tck.admin.artemis");
        if (dir == null || dir.isBlank() || broker != null) {
            return;
        }
        deleteTree(Path.of(dir));
        try {
            Object embedded = Class.forName(EMBEDDED).getConstructor().newInstance();
            // The XML names its directories ${tck.admin.artemis}/...; Artemis substitutes system properties.
            embedded.getClass().getMethod("setConfigResourcePath", String.class).invoke(embedded, BROKER_XML);
            embedded.getClass().getMethod("start").invoke(embedded);
            broker = embedded;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("tck.admin.artemis is set but Artemis is not on the class path"
                    + " (run with -Preference)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start the embedded Artemis broker", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (broker != null) {
            try {
                broker.getClass().getMethod("stop").invoke(broker);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot stop the embedded Artemis broker", e);
            } finally {
                broker = null;
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the old Artemis directory " + root, e);
        }
    }
}
