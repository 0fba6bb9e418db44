package dev.gannet.samples.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The JMS providers {@link LoadTool} can put under load, by their {@code --provider} names. */
enum Provider {

    /** A Gannet broker in the tool's JVM over the vm transport. */
    GANNET_VM("gannet-vm", true, false),
    /** A Gannet server in the tool's JVM, used over tcp on 127.0.0.1. */
    GANNET_TCP("gannet-tcp", true, true),
    /** Whatever connection factory JNDI names (--factory). */
    JNDI("jndi", false, false),
    /** Embedded ActiveMQ Artemis over its in-vm connector ({@link ArtemisBroker#inVm()}). */
    ARTEMIS("artemis", false, false),
    /** Embedded ActiveMQ Artemis over tcp on 127.0.0.1, its Netty acceptor ({@link ArtemisBroker#tcp()}). */
    ARTEMIS_TCP("artemis-tcp", false, true),
    /** Embedded ActiveMQ Classic on KahaDB ({@link ClassicBroker#kahaDb()}). */
    ACTIVEMQ_KAHADB("activemq-kahadb", false, false),
    /** Embedded ActiveMQ Classic on its JDBC store in embedded Derby ({@link ClassicBroker#jdbcDerby()}). */
    ACTIVEMQ_JDBC_DERBY("activemq-jdbc-derby", false, false);

    private final String label;
    private final boolean gannet;
    private final boolean overTcp;

    Provider(String label, boolean gannet, boolean overTcp) {
        this.label = label;
        this.gannet = gannet;
        this.overTcp = overTcp;
    }

    /** The name {@code --provider} takes and the tables show. */
    String label() {
        return label;
    }

    boolean isGannet() {
        return gannet;
    }

    /** True when the clients reach the broker over a socket (tcp on 127.0.0.1), false for an in-JVM connector. */
    boolean isOverTcp() {
        return overTcp;
    }

    /** @throws IllegalArgumentException if no provider has that name */
    static Provider named(String name) {
        for (Provider provider : values()) {
            if (provider.label.equals(name)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("--provider " + name + ": use one or more of " + labels());
    }

    static String labels() {
        return Arrays.stream(values()).map(Provider::label).collect(Collectors.joining(", "));
    }

    /**
     * Starts this provider in this JVM (or, for jndi, looks it up) for a run with {@code options}.
     *
     * @throws Exception whatever the provider throws when it cannot start
     */
    Target open(LoadOptions options) throws Exception {
        return switch (this) {
            case GANNET_VM -> Target.gannetVm(options.dataDirectory());
            case GANNET_TCP -> Target.gannetTcp(options.dataDirectory());
            case JNDI -> Target.jndi(options.factoryName());
            case ARTEMIS -> ArtemisBroker.inVm();
            case ARTEMIS_TCP -> ArtemisBroker.tcp();
            case ACTIVEMQ_KAHADB -> ClassicBroker.kahaDb();
            case ACTIVEMQ_JDBC_DERBY -> ClassicBroker.jdbcDerby();
        };
    }
}
