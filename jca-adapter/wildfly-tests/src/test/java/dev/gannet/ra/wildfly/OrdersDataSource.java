package dev.gannet.ra.wildfly;

import java.nio.file.Path;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Adds the orders XA datasource to WildFly before the test application is deployed, and removes it after: Derby
 * embedded, from the module {@code org.apache.derby} the build put into the server. The same as these
 * {@code jboss-cli} commands:
 *
 * <pre>
 * /subsystem=datasources/jdbc-driver=derby:add(driver-name=derby, driver-module-name=org.apache.derby,
 *     driver-xa-datasource-class-name=org.apache.derby.jdbc.EmbeddedXADataSource)
 * xa-data-source add --name=GannetOrders --jndi-name=java:jboss/datasources/GannetOrders --driver-name=derby
 *     --recovery-username=recovery --recovery-password=recovery
 *     --xa-datasource-properties=DatabaseName=/path/to/orders,CreateDatabase=create
 * </pre>
 *
 * The server runs with {@code --read-only-server-config}, so nothing of this outlives the run anyway.
 */
public class OrdersDataSource implements ServerSetupTask {
    static final String JNDI_NAME = "java:jboss/datasources/GannetOrders";
    private static final ModelNode DRIVER = Operations.createAddress("subsystem", "datasources", "jdbc-driver", "derby");
    private static final ModelNode DATA_SOURCE =
            Operations.createAddress("subsystem", "datasources", "xa-data-source", "GannetOrders");

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        Path database = Path.of(System.getProperty("run.directory"), "orders");
        Operations.CompositeOperationBuilder steps = Operations.CompositeOperationBuilder.create();

        ModelNode driver = Operations.createAddOperation(DRIVER);
        driver.get("driver-name").set("derby");
        driver.get("driver-module-name").set("org.apache.derby");
        driver.get("driver-xa-datasource-class-name").set("org.apache.derby.jdbc.EmbeddedXADataSource");
        steps.addStep(driver);

        ModelNode dataSource = Operations.createAddOperation(DATA_SOURCE);
        dataSource.get("jndi-name").set(JNDI_NAME);
        dataSource.get("driver-name").set("derby");
        dataSource.get("enabled").set(true);
        // recovery runs only with a credential; embedded Derby without authentication accepts any
        dataSource.get("recovery-username").set("recovery");
        dataSource.get("recovery-password").set("recovery");
        steps.addStep(dataSource);
        steps.addStep(property("DatabaseName", database.toString()));
        steps.addStep(property("CreateDatabase", "create"));

        execute(client, steps.build().getOperation());
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        Operations.CompositeOperationBuilder steps = Operations.CompositeOperationBuilder.create();
        steps.addStep(Operations.createRemoveOperation(DATA_SOURCE));
        steps.addStep(Operations.createRemoveOperation(DRIVER));
        ModelNode operation = steps.build().getOperation();
        operation.get("operation-headers", "allow-resource-service-restart").set(true);
        execute(client, operation);
    }

    private static ModelNode property(String name, String value) {
        ModelNode address = DATA_SOURCE.clone().add("xa-datasource-properties", name);
        ModelNode add = Operations.createAddOperation(address);
        add.get("value").set(value);
        return add;
    }

    private static void execute(ManagementClient client, ModelNode operation) throws Exception {
        ModelNode result = client.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException("WildFly refused " + operation + ": "
                    + Operations.getFailureDescription(result));
        }
    }
}
