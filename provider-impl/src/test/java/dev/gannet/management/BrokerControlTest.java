package dev.gannet.management;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store location the broker's bean shows: a JDBC URL without the passwords it may hold. */
@Timeout(10)
class BrokerControlTest {

    @Test
    void aJdbcUrlsPasswordsAreMaskedWhateverTheDatabasesSyntax() {
        assertEquals("jdbc:postgresql://db:5432/gannet?user=gannet&password=***&ssl=true", BrokerControl
                .withoutCredentials("jdbc:postgresql://db:5432/gannet?user=gannet&password=s3cret&ssl=true"));
        assertEquals("jdbc:derby:memory:g;create=true;user=app;password=***",
                BrokerControl.withoutCredentials("jdbc:derby:memory:g;create=true;user=app;password=s3cret"));
        assertEquals("jdbc:sqlserver://db;databaseName=g;Password=***;trustStorePassword=***",
                BrokerControl.withoutCredentials("jdbc:sqlserver://db;databaseName=g;Password=a;trustStorePassword=b"));
        assertEquals("jdbc:mysql://gannet:***@db:3306/gannet",
                BrokerControl.withoutCredentials("jdbc:mysql://gannet:s3cret@db:3306/gannet"));
        assertEquals("jdbc:oracle:thin:gannet/***@db:1521/g",
                BrokerControl.withoutCredentials("jdbc:oracle:thin:gannet/s3cret@db:1521/g"));
        assertEquals("jdbc:postgresql://db:5432/gannet", BrokerControl.withoutCredentials(
                "jdbc:postgresql://db:5432/gannet"), "a URL without credentials is left as it is");
    }
}
