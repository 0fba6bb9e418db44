package dev.gannet.ra;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import java.util.Hashtable;

/**
 * Turns the JNDI reference of an administered {@link GannetQueue} or {@link GannetTopic} back into the object; found
 * by JNDI through the reference's factory class name.
 */
public class AdministeredDestinationFactory implements ObjectFactory {

    /** Answers null for a reference to anything else, as an ObjectFactory should, so that JNDI asks the next one. */
    @Override
    public Object getObjectInstance(Object object, Name name, Context context, Hashtable<?, ?> environment) {
        if (!(object instanceof Reference reference)) {
            return null;
        }
        RefAddr address = reference.get(AdministeredDestination.REFERENCE_NAME);
        String destinationName = address == null ? null : (String) address.getContent();
        if (GannetQueue.class.getName().equals(reference.getClassName())) {
            GannetQueue queue = new GannetQueue();
            queue.setName(destinationName);
            return queue;
        }
        if (GannetTopic.class.getName().equals(reference.getClassName())) {
            GannetTopic topic = new GannetTopic();
            topic.setName(destinationName);
            return topic;
        }
        return null;
    }
}
