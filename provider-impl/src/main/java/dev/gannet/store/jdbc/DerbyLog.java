package dev.gannet.store.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Writer;

/**
 * Sends Derby's error log to SLF4J instead of a {@code derby.log} file in the working directory. Derby reads
 * the {@code derby.stream.error.field} system property when its engine boots; it is set only if the user has
 * not chosen a Derby log destination.
 */
public final class DerbyLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.apache.derby");

    /** Named by {@code derby.stream.error.field}; Derby writes its log here. */
    public static final Writer WRITER = new Writer() {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    flush();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        /** Derby's boot and shutdown banners go to DEBUG; its error reports and stack traces to WARN. */
        @Override
        public synchronized void flush() {
            if (!line.isEmpty()) {
                String text = line.toString();
                if (text.contains("ERROR") || text.contains("Exception") || text.startsWith("\tat ")) {
                    LOG.warn(text);
                } else {
                    LOG.debug(text);
                }
                line.setLength(0);
            }
        }

        @Override
        public void close() {
            flush();
        }
    };

    private DerbyLog() {
    }

    static void install() {
        if (System.getProperty("derby.stream.error.file") == null
                && System.getProperty("derby.stream.error.method") == null
                && System.getProperty("derby.stream.error.field") == null) {
            System.setProperty("derby.stream.error.field", DerbyLog.class.getName() + ".WRITER");
        }
    }
}
