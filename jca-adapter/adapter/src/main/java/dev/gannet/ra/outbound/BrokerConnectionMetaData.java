package dev.gannet.ra.outbound;

import jakarta.resource.spi.ManagedConnectionMetaData;

/**
 * What a managed connection tells the server about the broker it reaches (Connectors 2.1 section 6.5.5).
 *
 * @param productVersion the Gannet version the physical connection reports
 * @param userName       the user the connection was opened as, or null
 */
record BrokerConnectionMetaData(String productVersion, String userName) implements ManagedConnectionMetaData {

    @Override
    public String getEISProductName() {
        return "Gannet";
    }

    @Override
    public String getEISProductVersion() {
        return productVersion;
    }

    /** 0: the broker sets no limit on connections. */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return userName;
    }
}
