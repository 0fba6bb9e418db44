package dev.gannet.transport.tcp;

import dev.gannet.api.BrokerConfig;
import dev.gannet.broker.Broker;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 on a real server socket: a well-formed command with an invalid value is answered with the reason and the
 * connection stays open (one-way sends included: defect 8 was a NullPointerException on the I/O thread that closed
 * the connection); a malformed frame closes only its own connection; every other client goes on.
 */
@Timeout(60)
class InvalidCommandWireTest {

    private static final GannetDestination QUEUE = GannetDestination.of(DestinationKind.QUEUE, "wire");
    private static final int SESSION = 1;
    private static final java.util.concurrent.atomic.AtomicInteger BROWSE_IDS = new java.util.concurrent.atomic.AtomicInteger();

    @TempDir
    Path dataDirectory;
    private Broker broker;
    private TcpAcceptor acceptor;

    @BeforeEach
    void start() {
        broker = Broker.start(new BrokerConfig("invalid-wire-" + System.nanoTime(), dataDirectory));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
    }

    @AfterEach
    void stop() {
        acceptor.close();
        broker.close();
    }

    @Test
    void oneWaySendWithoutContentComesBackAsASendFailureAndTheConnectionStaysOpen() throws Exception {
        try (RawTcpClient raw = RawTcpClient.connect(acceptor.port())) {
            raw.call(new Command.CreateSession(SESSION, false));
            raw.post(new Command.Send(SESSION, new OutboundMessage(QUEUE, false, 4, 0, 0, null, null)));
            String failure = assertInstanceOf(Frame.SendFailure.class, raw.nextUnsolicited()).reason().message();
            assertTrue(failure.contains("Send: the message to queue://wire has no content"), failure);
            raw.post(new Command.Send(SESSION, new OutboundMessage(null, false, 4, 0, 0, null, text("x"))));
            failure = assertInstanceOf(Frame.SendFailure.class, raw.nextUnsolicited()).reason().message();
            assertTrue(failure.contains("Send: no destination given"), failure);
            raw.call(send(text("after the failures")));
            assertEquals(1, browse(raw).size(), "the connection goes on");
        }
    }

    @Test
    void invalidCommandIsAnsweredInItsTurnAmongValidOnes() throws Exception {
        try (RawTcpClient raw = RawTcpClient.connect(acceptor.port())) {
            raw.write(concat(
                    FrameBytes.of(new Frame.CommandFrame(1, new Command.CreateSession(SESSION, false))),
                    FrameBytes.of(new Frame.CommandFrame(2, new Command.Send(SESSION,
                            new OutboundMessage(QUEUE, true, 12, 0, 0, null, text("twelve"))))),
                    FrameBytes.of(new Frame.CommandFrame(3, send(text("four"))))));
            Frame.Reply first = assertInstanceOf(Frame.Reply.class, raw.read());
            Frame.Reply second = assertInstanceOf(Frame.Reply.class, raw.read());
            Frame.Reply third = assertInstanceOf(Frame.Reply.class, raw.read());
            assertEquals(List.of(1L, 2L, 3L), List.of(first.correlationId(), second.correlationId(),
                    third.correlationId()));
            assertNull(first.failure());
            assertEquals(ExceptionKind.MESSAGE_FORMAT, second.failure().kind());
            assertTrue(second.failure().message().contains("JMSPriority 12"), second.failure().message());
            assertNull(third.failure());
        }
    }

    @Test
    void malformedFrameClosesOnlyItsOwnConnection() throws Exception {
        try (RawTcpClient good = RawTcpClient.connect(acceptor.port());
             RawTcpClient bad = RawTcpClient.connect(acceptor.port())) {
            good.call(new Command.CreateSession(SESSION, false));
            bad.write(HexFormat.of().parseHex("0000000a" + "03" + "0000000000000001" + "7f")); // unknown command
            assertTrue(bad.closedByBroker());
            good.call(send(text("still served")));
            assertEquals(1, browse(good).size());
        }
    }

    @Test
    void sendsOfOtherClientsGoOnWhileOneSendsInvalidCommands() throws Exception {
        try (RawTcpClient good = RawTcpClient.connect(acceptor.port());
             RawTcpClient bad = RawTcpClient.connect(acceptor.port())) {
            good.call(new Command.CreateSession(SESSION, false));
            bad.call(new Command.CreateSession(SESSION, false));
            for (int i = 0; i < 20; i++) {
                assertThrows(MessageFormatException.class, () -> bad.call(new Command.Send(SESSION,
                        new OutboundMessage(QUEUE, true, 4, 0, 0, "g".repeat(5000), text("bad")))));
                assertThrows(JMSException.class, () -> bad.call(new Command.CreateSession(0, false)));
                good.call(send(text("good")));
            }
            assertEquals(20, browse(good).size());
            bad.call(new Command.CheckDestination(QUEUE)); // invalid values do not end the connection
        }
    }

    private static Command.Send send(byte[] encoded) {
        return new Command.Send(SESSION, new OutboundMessage(QUEUE, true, 4, 0, 0, null, encoded));
    }

    /** What a walk through the queue sees (its first page: the tests' queues hold fewer than 500 messages). */
    private static List<?> browse(RawTcpClient client) throws JMSException {
        int browseId = BROWSE_IDS.incrementAndGet();
        List<?> page = (List<?>) client.call(new Command.Browse(SESSION, browseId, QUEUE, null, 500));
        client.call(new Command.CloseBrowse(SESSION, browseId));
        return page;
    }

    private static byte[] text(String text) {
        return MessageCodec.encode(new GannetTextMessage(text));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
