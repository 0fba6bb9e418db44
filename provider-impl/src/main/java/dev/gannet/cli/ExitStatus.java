package dev.gannet.cli;

/**
 * The exit status of a {@code gannet} command, saying what failed so that a script can tell a refused operation
 * from a broker it cannot reach.
 *
 * <table>
 * <caption>Exit status</caption>
 * <tr><td>0</td><td>{@link #OK}</td></tr>
 * <tr><td>1</td><td>{@link #FAILED}</td></tr>
 * <tr><td>2</td><td>{@link #USAGE}</td></tr>
 * <tr><td>3</td><td>{@link #CANNOT_CONNECT}</td></tr>
 * <tr><td>4</td><td>{@link #SECURITY}</td></tr>
 * <tr><td>5</td><td>{@link #NOT_FOUND}</td></tr>
 * </table>
 */
public final class ExitStatus {

    /** Done. */
    public static final int OK = 0;
    /**
     * The broker refused or failed the operation (a bad selector or queue name, a queue with consumers to delete, the
     * store failed), or a file could not be written.
     */
    public static final int FAILED = 1;
    /** A bad command line: an unknown command or option, a missing or malformed argument. */
    public static final int USAGE = 2;
    /** The broker (or its management connector) could not be reached, or the connection broke. */
    public static final int CANNOT_CONNECT = 3;
    /** The login was refused, or the user lacks the right the operation needs ({@code manage}, {@code send}, ...). */
    public static final int SECURITY = 4;
    /**
     * What the command names does not exist: the queue, the message, the connection, the user; or {@code consume}
     * received no message before its timeout.
     */
    public static final int NOT_FOUND = 5;

    private ExitStatus() {
    }
}
