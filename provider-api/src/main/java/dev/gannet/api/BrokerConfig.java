package dev.gannet.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Immutable configuration of one Gannet broker.
 *
 * <p>A broker is identified by its {@link #name()} (the {@code NAME} in {@code vm://NAME}) and keeps its
 * persistent state in an embedded Derby database under {@link #dataDirectory()}.
 *
 * @param name          broker name; letters, digits, '.', '_' and '-' only
 * @param dataDirectory directory holding the broker's Derby store (created when missing)
 */
public record BrokerConfig(String name, Path dataDirectory) {

    /** Name of the broker that {@code new GannetConnectionFactory()} connects to. */
    public static final String DEFAULT_NAME = "localhost";

    /**
     * @throws IllegalArgumentException if the name is empty or holds other characters than letters, digits,
     *                                  '.', '_' and '-', or if the data directory is missing
     */
    public BrokerConfig {
        Objects.requireNonNull(name, "broker name");
        Objects.requireNonNull(dataDirectory, "data directory");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Broker name '" + name
                    + "' must be non-empty and use only letters, digits, '.', '_' and '-'");
        }
    }

    /** A builder starting from the defaults: name {@value #DEFAULT_NAME}, data directory {@link #defaultDataDirectory(String)}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where a broker keeps its store unless told otherwise: {@code gannet-data/NAME} under the system property
     * {@code gannet.data.dir} if set, else under the working directory.
     */
    public static Path defaultDataDirectory(String brokerName) {
        String base = System.getProperty("gannet.data.dir");
        return (base == null ? Path.of("gannet-data") : Path.of(base)).resolve(brokerName);
    }

    /** Builds {@link BrokerConfig} values. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Path dataDirectory;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(name, dataDirectory != null ? dataDirectory : defaultDataDirectory(name));
        }
    }
}
