package dev.gannet.transport.tcp;

import dev.gannet.protocol.Command;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import jakarta.jms.JMSException;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that speaks the wire protocol over a plain socket, with none of the real client's checks: it writes
 * whatever commands (and bytes) a test gives it and reads the broker's frames back. Tests use it to send what no JMS
 * client would.
 */
public final class RawTcpClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    /** Frames read while waiting for a reply: deliveries, send failures, reports. */
    private final List<Frame> unsolicited = new ArrayList<>();
    private long correlationIds;

    private RawTcpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Connects to a broker on 127.0.0.1 and completes the handshake.
     *
     * @throws JMSException if the broker refuses the handshake
     */
    public static RawTcpClient connect(int port) throws IOException, JMSException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        RawTcpClient client = new RawTcpClient(socket);
        client.write(FrameBytes.of(Frame.HandshakeRequest.of(null, null, null)));
        Frame.HandshakeAnswer answer = (Frame.HandshakeAnswer) client.read();
        if (answer.failure() != null) {
            client.close();
            throw answer.failure().toException();
        }
        return client;
    }

    /** The bytes of a handshake request frame of this build's protocol version, length prefix included. */
    public static byte[] handshakeFrame() {
        return FrameBytes.of(Frame.HandshakeRequest.of(null, null, null));
    }

    /** The bytes of a command frame, length prefix included. */
    public static byte[] commandFrame(long correlationId, Command<?> command) {
        return FrameBytes.of(new Frame.CommandFrame(correlationId, command));
    }

    /** The bytes of a one-way send frame, length prefix included. */
    public static byte[] oneWayFrame(Command.Send send) {
        return FrameBytes.of(new Frame.OneWaySend(send));
    }

    /** Sends a command and waits for its reply: the answer, or the failure thrown as the exception it names. */
    public Object call(Command<?> command) throws JMSException {
        long correlationId = ++correlationIds;
        write(FrameBytes.of(new Frame.CommandFrame(correlationId, command)));
        while (true) {
            Frame frame = read();
            if (frame instanceof Frame.Reply reply && reply.correlationId() == correlationId) {
                if (reply.failure() != null) {
                    throw reply.failure().toException();
                }
                return reply.answer();
            }
            unsolicited.add(frame);
        }
    }

    /** Sends a one-way send; the broker answers nothing unless it fails ({@link #nextUnsolicited}). */
    public void post(Command.Send send) {
        write(FrameBytes.of(new Frame.OneWaySend(send)));
    }

    /** The next frame that is no reply: one read earlier, or the next from the socket. */
    Frame nextUnsolicited() {
        return unsolicited.isEmpty() ? read() : unsolicited.remove(0);
    }

    /** Writes raw bytes, frames or not. */
    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the broker closed the connection: reads (and drops) frames until the end of the stream. */
    public boolean closedByBroker() {
        try {
            while (true) {
                in.readNBytes(in.readInt());
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the peer
        }
    }

    Frame read() {
        try {
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
            decoder.writeInbound(Unpooled.wrappedBuffer(body));
            Frame frame = decoder.readInbound();
            decoder.finishAndReleaseAll();
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a frame from the broker failed", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
