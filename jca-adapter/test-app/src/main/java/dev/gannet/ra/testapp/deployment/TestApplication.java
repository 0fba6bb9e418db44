package dev.gannet.ra.testapp.deployment;

import dev.gannet.ra.testapp.OrderDesk;
import dev.gannet.ra.testapp.scenarios.AdapterScenarios;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test application's archives, before each server adds its own descriptors: the adapter's {@code .rar} as the
 * build made it (for an ear that embeds it), and a web module with the beans, the message-driven beans and the
 * scenarios. Not deployed itself (its package stays out of the web module).
 */
public final class TestApplication {
    /** The application's name: the ear's file name without {@code .ear}. */
    public static final String NAME = "gannet-test";
    /** The adapter's module name inside the ear, which {@code #gannet-ra} and Liberty's ids name. */
    public static final String ADAPTER_MODULE = "gannet-ra";
    /** The web module's name. */
    public static final String BEANS_MODULE = "beans";
    /** The system property that holds the path of the adapter's {@code .rar}, which the build copied. */
    public static final String RAR_PROPERTY = "gannet.rar";

    private TestApplication() {
    }

    /** The adapter's {@code .rar}, read from the file {@value #RAR_PROPERTY} names, as module {@value #ADAPTER_MODULE}. */
    public static ResourceAdapterArchive adapter() {
        String path = System.getProperty(RAR_PROPERTY);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property " + RAR_PROPERTY + " must name the adapter's .rar, not "
                    + path);
        }
        return ShrinkWrap.create(ZipImporter.class, ADAPTER_MODULE + ".rar").importFrom(new File(path))
                .as(ResourceAdapterArchive.class);
    }

    /** The web module {@value #BEANS_MODULE} with the application's classes and the scenarios. */
    public static WebArchive beans() {
        return ShrinkWrap.create(WebArchive.class, BEANS_MODULE + ".war")
                .addPackage(OrderDesk.class.getPackage())
                .addPackage(AdapterScenarios.class.getPackage());
    }

    /** The ear {@value #NAME} holding {@code adapter} and {@code beans}. */
    public static EnterpriseArchive ear(ResourceAdapterArchive adapter, WebArchive beans) {
        return ear(beans).addAsModule(adapter);
    }

    /** The ear {@value #NAME} holding {@code beans}, for a server that has the adapter installed already. */
    public static EnterpriseArchive ear(WebArchive beans) {
        return ShrinkWrap.create(EnterpriseArchive.class, NAME + ".ear").addAsModule(beans);
    }
}
