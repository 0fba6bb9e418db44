package dev.gannet.transport.vm;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.GannetProperties;
import dev.gannet.api.StoreConfig;
import dev.gannet.protocol.BrokerLink;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.transport.BrokerAddress;
import dev.gannet.transport.BrokerUrl;
import dev.gannet.transport.TransportFactory;
import jakarta.jms.JMSException;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * The {@code vm} scheme: {@code vm://NAME?dataDirectory=PATH&stopWithLastConnection=BOOLEAN&store=derby|memory}, the
 * broker NAME in this JVM, started on first use with its store in PATH (default
 * {@link BrokerConfig#defaultDataDirectory}), or in memory with {@code store=memory}. {@code store} and
 * {@code stopWithLastConnection} say how to start the broker: a URL that joins one already running joins it as it
 * runs, and only a broker on embedded Derby refuses a URL that names another data directory.
 */
public final class VmTransportFactory implements TransportFactory {

    @Override
    public String scheme() {
        return "vm";
    }

    @Override
    public String usage() {
        return "vm://NAME";
    }

    @Override
    public BrokerAddress address(BrokerUrl url) {
        String name = url.uri().getAuthority();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + url + "' names no broker; use vm://NAME");
        }
        String directory = url.take(GannetProperties.DATA_DIRECTORY);
        VmBrokerRegistry.Lifetime lifetime = url.takeFlag(GannetProperties.STOP_WITH_LAST_CONNECTION)
                ? VmBrokerRegistry.Lifetime.WITH_LAST_USER : VmBrokerRegistry.Lifetime.UNTIL_STOPPED;
        String store = url.take(GannetProperties.STORE);
        if (store != null && !store.equals("memory") && !store.equals("derby")) {
            throw url.invalid(GannetProperties.STORE + " must be memory or derby, not '" + store + "'");
        }
        return new VmAddress(new BrokerConfig(name, directory != null ? Path.of(directory)
                : BrokerConfig.defaultDataDirectory(name), DestinationPolicies.none(), "memory".equals(store)
                ? StoreConfig.inMemory() : StoreConfig.embeddedDerby()), lifetime);
    }

    /**
     * An in-process broker, started on first use to run for {@code lifetime}.
     *
     * @param broker the broker's name and data directory
     */
    record VmAddress(BrokerConfig broker, VmBrokerRegistry.Lifetime lifetime) implements BrokerAddress {

        /**
         * Joins the broker, starting it if it does not run yet, and opens a connection there.
         *
         * @throws IllegalStateException as {@link VmBrokerRegistry#acquire}
         */
        @Override
        public BrokerLink connect(Command.Open open, ClientEndpoint endpoint) throws JMSException {
            VmBrokerLink link = VmBrokerLink.connect(broker, lifetime, endpoint);
            try {
                link.open(open);
                return link;
            } catch (CompletionException e) {
                link.abort();
                if (e.getCause() instanceof JMSException refused) {
                    throw refused;
                }
                throw e;
            } catch (RuntimeException e) {
                link.abort();
                throw e;
            }
        }
    }
}
