package dev.gannet.ra.outbound;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What an application opened through one handle on the pooled physical session: producers, consumers, browsers and
 * temporary destinations. They belong to the handle, not to the pooled connection, so the handle's close (or the
 * server's cleanup) closes and deletes them, leaving the physical session as the next user should find it.
 */
final class OpenedResources {

    private static final Logger LOG = LoggerFactory.getLogger(OpenedResources.class);

    /** Something to close: a producer, consumer or browser (each has a close throwing JMSException). */
    interface Closeable {
        void close() throws JMSException;
    }

    private final List<Closeable> open = new ArrayList<>(); // guarded by this
    private final List<Object> temporaries = new ArrayList<>(); // guarded by this

    synchronized <T extends Closeable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    synchronized void remove(Closeable resource) {
        open.remove(resource);
    }

    synchronized TemporaryQueue addTemporary(TemporaryQueue queue) {
        temporaries.add(queue);
        return queue;
    }

    synchronized TemporaryTopic addTemporary(TemporaryTopic topic) {
        temporaries.add(topic);
        return topic;
    }

    synchronized void removeTemporary(Object destination) {
        temporaries.remove(destination);
    }

    /** Closes what is open, then deletes the temporary destinations; failures are logged and do not stop the rest. */
    void closeAll() {
        List<Closeable> closing;
        List<Object> deleting;
        synchronized (this) {
            closing = new ArrayList<>(open);
            deleting = new ArrayList<>(temporaries);
            open.clear();
            temporaries.clear();
        }
        for (Closeable resource : closing) {
            try {
                resource.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing {} failed", resource, e);
            }
        }
        for (Object destination : deleting) {
            try {
                if (destination instanceof TemporaryQueue queue) {
                    queue.delete();
                } else {
                    ((TemporaryTopic) destination).delete();
                }
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Deleting {} failed", destination, e);
            }
        }
    }
}
