package dev.gannet.client;

import jakarta.jms.ConnectionMetaData;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * What Gannet says about itself (spec 6.1.4); {@code JMSXUserID} is among the JMSX properties it supports when the
 * broker sets it on the connection's messages (its security says so).
 */
final class GannetConnectionMetaData implements ConnectionMetaData {

    static final String PROVIDER_NAME = "Gannet";
    static final String PROVIDER_VERSION = "0.1.0";
    private static final List<String> JMSX_PROPERTIES = List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
    private static final List<String> JMSX_PROPERTIES_WITH_USER_ID = List.of("JMSXDeliveryCount", "JMSXGroupID",
            "JMSXGroupSeq", "JMSXUserID");

    /** Whether the broker sets JMSXUserID of the connection's messages. */
    private final boolean brokerSetsUserId;

    GannetConnectionMetaData(boolean brokerSetsUserId) {
        this.brokerSetsUserId = brokerSetsUserId;
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return PROVIDER_NAME;
    }

    @Override
    public String getProviderVersion() {
        return PROVIDER_VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return 0;
    }

    @Override
    public int getProviderMinorVersion() {
        return 1;
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(brokerSetsUserId ? JMSX_PROPERTIES_WITH_USER_ID : JMSX_PROPERTIES);
    }
}
