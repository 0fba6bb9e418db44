package dev.gannet.ra;

import jakarta.jms.Destination;
import jakarta.resource.Referenceable;

import javax.naming.Reference;
import javax.naming.StringRefAddr;
import java.io.Serializable;
import java.util.Objects;

/**
 * What the adapter's administered queue and topic share: the JavaBean property {@code name}, equality by class and
 * name, and a JNDI reference. A server that binds the object gives it a reference of its own
 * ({@link #setReference}); bound anywhere else, the object describes itself for {@link AdministeredDestinationFactory}.
 */
public abstract class AdministeredDestination implements Destination, Referenceable, Serializable {

    private static final long serialVersionUID = 1L;

    /** Name of the reference address holding the destination's name. */
    static final String REFERENCE_NAME = "name";

    private String name; // set once by the server's configuration, read by every user after that
    private Reference reference;

    AdministeredDestination() {
    }

    /** The broker's destination name, null until set. */
    public String getName() {
        return name;
    }

    /** Sets the broker's destination name (the admin object's config-property {@code name}). */
    public void setName(String name) {
        this.name = name;
    }

    /** {@code queue} or {@code topic}, as Gannet prints destinations. */
    abstract String scheme();

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A destination name must not be null or blank, was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    String nameOrRefuse() throws jakarta.jms.IllegalStateException {
        if (name == null || name.isBlank()) {
            throw new jakarta.jms.IllegalStateException("The administered " + scheme() + " " + this
                    + " has no name; set its config-property name");
        }
        return name;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    /** The reference the server set, else one that {@link AdministeredDestinationFactory} turns back into this. */
    @Override
    public Reference getReference() {
        if (reference != null) {
            return reference;
        }
        Reference own = new Reference(getClass().getName(), AdministeredDestinationFactory.class.getName(), null);
        own.add(new StringRefAddr(REFERENCE_NAME, name));
        return own;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && Objects.equals(name, ((AdministeredDestination) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), name);
    }

    /** As Gannet prints destinations, e.g. {@code queue://orders}. */
    @Override
    public String toString() {
        return scheme() + "://" + name;
    }
}
