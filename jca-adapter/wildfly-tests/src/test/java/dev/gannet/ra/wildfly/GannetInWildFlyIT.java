package dev.gannet.ra.wildfly;

import dev.gannet.ra.testapp.deployment.TestApplication;
import dev.gannet.ra.testapp.scenarios.AdapterScenarios;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

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
}
