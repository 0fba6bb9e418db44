package dev.gannet.api;

/**
 * What each role may do on which destinations, as a secured broker's authorizer grants it ({@link SecurityConfig#permissions()}).
 * Immutable; made with {@link #builder()}. {@link #none()} grants nothing.
 */
public final class Permissions {

    private static final Permissions NONE = new Permissions();

    private Permissions() {
    }

    /** Permissions that grant nothing. */
    public static Permissions none() {
        return NONE;
    }

    /** A builder starting from {@link #none()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "Permissions[]";
    }

    /** Builds {@link Permissions}. */
    public static final class Builder {

        private Builder() {
        }

        public Permissions build() {
            return NONE;
        }
    }
}
