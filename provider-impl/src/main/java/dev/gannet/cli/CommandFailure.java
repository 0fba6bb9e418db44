package dev.gannet.cli;

/**
 * Why a command failed, with the {@link ExitStatus} it ends with and a message for its user. Made by the commands
 * where they know what went wrong, and by {@link Failures} from any other exception, at one boundary.
 */
final class CommandFailure extends RuntimeException {

    private final int status;

    CommandFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The exit status of the command. */
    int status() {
        return status;
    }

    static CommandFailure notFound(String message) {
        return new CommandFailure(ExitStatus.NOT_FOUND, message, null);
    }

    static CommandFailure failed(String message, Throwable cause) {
        return new CommandFailure(ExitStatus.FAILED, message, cause);
    }
}
