package dev.gannet.message;

import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * Rebuilds a Gannet destination from the JNDI {@link Reference} made by {@link GannetDestination#getReference()}.
 * Temporary destinations come back without their owner, so they cannot be deleted through the rebuilt copy.
 */
public final class DestinationObjectFactory implements ObjectFactory {

    /**
     * Returns the destination described by {@code obj}, or null if {@code obj} is not a reference to a Gannet
     * destination (as the {@link ObjectFactory} contract asks, so that other factories may be tried).
     *
     * @throws IllegalArgumentException if the reference names a Gannet destination class but has no usable name
     */
    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) {
        if (!(obj instanceof Reference reference)) {
            return null;
        }
        DestinationKind kind = kindOf(reference.getClassName());
        if (kind == null) {
            return null;
        }
        RefAddr address = reference.get(GannetDestination.REFERENCE_NAME_ADDRESS);
        if (address == null || !(address.getContent() instanceof String destinationName)) {
            throw new IllegalArgumentException("JNDI reference to a " + reference.getClassName()
                    + " has no String address '" + GannetDestination.REFERENCE_NAME_ADDRESS + "'");
        }
        return GannetDestination.of(kind, destinationName);
    }

    private static DestinationKind kindOf(String className) {
        if (GannetQueue.class.getName().equals(className)) {
            return DestinationKind.QUEUE;
        }
        if (GannetTopic.class.getName().equals(className)) {
            return DestinationKind.TOPIC;
        }
        if (GannetTemporaryQueue.class.getName().equals(className)) {
            return DestinationKind.TEMPORARY_QUEUE;
        }
        if (GannetTemporaryTopic.class.getName().equals(className)) {
            return DestinationKind.TEMPORARY_TOPIC;
        }
        return null;
    }
}
