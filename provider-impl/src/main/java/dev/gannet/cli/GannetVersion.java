package dev.gannet.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code gannet --version}: Gannet's version, as the broker's MXBean reports it. */
final class GannetVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = GannetVersion.class.getResourceAsStream("/dev/gannet/management/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[]{"Gannet " + properties.getProperty("version", "(version unknown)")};
    }
}
