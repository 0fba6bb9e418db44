package dev.gannet.client;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import java.util.Hashtable;

/** Rebuilds a {@link GannetConnectionFactory} from the JNDI {@link Reference} it bound itself as. */
public final class ConnectionFactoryObjectFactory implements ObjectFactory {

    @Override
    public Object getObjectInstance(Object object, Name name, Context context, Hashtable<?, ?> environment) {
        if (object instanceof Reference reference
                && GannetConnectionFactory.class.getName().equals(reference.getClassName())) {
            RefAddr url = reference.get(GannetConnectionFactory.REFERENCE_URL);
            return url == null ? new GannetConnectionFactory() : new GannetConnectionFactory((String) url.getContent());
        }
        return null;
    }
}
