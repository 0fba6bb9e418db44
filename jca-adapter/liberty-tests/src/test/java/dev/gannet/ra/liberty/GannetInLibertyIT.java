package dev.gannet.ra.liberty;

import dev.gannet.ra.testapp.deployment.TestApplication;
import dev.gannet.ra.testapp.scenarios.AdapterScenarios;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter's scenarios in Open Liberty. The adapter's {@code .rar}, exactly as built, is installed in the server
 * ({@code <resourceAdapter id="gannet">} in src/test/liberty/server/server.xml, with the connection factory, the
 * administered destinations, the message-driven beans' activation specs and the orders XA datasource); the test ear
 * holds the test application's web module with {@code web.xml} (its resource references).
 *
 * <p>Why not the {@code .rar} inside the ear, as in WildFly: Liberty starts an ear's own adapter only after it has
 * resolved the application's resource definitions (when the application uses CDI), so a
 * {@code @JMSConnectionFactoryDefinition} cannot name an adapter embedded beside it; everything else works embedded
 * too (ids {@code gannet-test.gannet-ra}).
 */
@ExtendWith(ArquillianExtension.class)
class GannetInLibertyIT extends AdapterScenarios {

    @Deployment
    static EnterpriseArchive testApplication() {
        return TestApplication.ear(TestApplication.beans()
                .addClass(GannetInLibertyIT.class)
                .addAsWebInfResource("liberty/web.xml", "web.xml"));
    }
}
