package dev.gannet.samples.tcp;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * Mutual TLS: sends a message to a queue of the server started with {@code samples/gannet-tls.properties} over
 * {@code ssl://}, trusting the broker's certificate and showing the client's own (the stores README's TLS section
 * makes with keytool in {@code samples/tls}), and receives it back. Against the server of
 * {@code samples/security/gannet-secured-tls.properties} (security on) it gives no user name and so logs in by its
 * certificate, {@code CN=alice}, as the user {@code shop} that {@code samples/security/cert-users.properties} maps it
 * to.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.SecureHello
 * -Dexec.args="ssl://127.0.0.1:61617 samples/tls"} from the repository root (arguments: broker URL, directory of the
 * stores).
 */
public final class SecureHello {

    private SecureHello() {
    }

    public static void main(String[] args) {
        String broker = args.length > 0 ? args[0] : "ssl://127.0.0.1:61617";
        String stores = args.length > 1 ? args[1] : "samples/tls";
        String url = broker + "?trustStorePath=" + stores + "/client-trust.p12&trustStorePassword=changeit"
                + "&keyStorePath=" + stores + "/client.p12&keyStorePassword=changeit";
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            Queue orders = context.createQueue("orders");
            context.createProducer().send(orders, "hello over TLS");
            System.out.println("sent 'hello over TLS' to " + broker + ", received '"
                    + context.createConsumer(orders).receiveBody(String.class, 10_000) + "'");
        }
    }
}
