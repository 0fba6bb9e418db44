package dev.gannet.ra.wildfly;

import dev.gannet.ra.testapp.deployment.TestApplication;
import dev.gannet.ra.testapp.scenarios.AdapterScenarios;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The adapter's scenarios in WildFly (standalone-full): the test ear is the adapter's {@code .rar} as built, with
 * WildFly's {@code ironjacamar.xml} added (connection factory, administered queue, recovery), and the test
 * application's web module with {@code web.xml} (its resource references) and {@code jboss-ejb3.xml} (its
 * message-driven beans bound to the adapter). The orders XA datasource is added to the server first.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(OrdersDataSource.class)
class GannetInWildFlyIT extends AdapterScenarios {

    @Deployment
    static EnterpriseArchive testApplication() {
        return TestApplication.ear(
                TestApplication.adapter().addAsManifestResource("wildfly/ironjacamar.xml", "ironjacamar.xml"),
                TestApplication.beans()
                        .addClass(GannetInWildFlyIT.class)
                        .addAsWebInfResource("wildfly/web.xml", "web.xml")
                        .addAsWebInfResource("wildfly/jboss-ejb3.xml", "jboss-ejb3.xml"));
    }

    /**
     * The {@code .rar}'s jars name no manifest Class-Path entry that is not there (Derby's name the jars of Derby's
     * distribution): WildFly warns about each one when it deploys the adapter (WFLYSRV0059). Read in this server
     * run's part of its log.
     */
    @Test
    void deployingTheAdapterRaisesNoClassPathWarnings() throws IOException {
        List<String> log = Files.readAllLines(Path.of(System.getProperty("jboss.server.log.dir"), "server.log"));
        int started = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("WFLYSRV0049")) { // "WildFly ... starting": this run begins here
                started = i;
            }
        }
        assertEquals(List.of(), log.subList(started, log.size()).stream()
                .filter(line -> line.contains("WFLYSRV0059")).toList());
    }
}
