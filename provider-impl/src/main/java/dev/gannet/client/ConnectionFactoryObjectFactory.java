package dev.gannet.client;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import java.util.Hashtable;

/**
 * Rebuilds a {@link GannetConnectionFactory} or {@link GannetXAConnectionFactory} from the JNDI {@link Reference} it
 * bound itself as.
 */
public final class ConnectionFactoryObjectFactory implements ObjectFactory {

    @Override
    public Object getObjectInstance(Object object, Name name, Context context, Hashtable<?, ?> environment) {
        if (!(object instanceof Reference reference)) {
            return null;
        }
        RefAddr address = reference.get(GannetConnectionFactory.REFERENCE_URL);
        String url = address == null ? null : (String) address.getContent();
        if (GannetConnectionFactory.class.getName().equals(reference.getClassName())) {
            return url == null ? new GannetConnectionFactory() : new GannetConnectionFactory(url);
        }
        if (GannetXAConnectionFactory.class.getName().equals(reference.getClassName())) {
            return url == null ? new GannetXAConnectionFactory() : new GannetXAConnectionFactory(url);
        }
        return null;
    }
}
