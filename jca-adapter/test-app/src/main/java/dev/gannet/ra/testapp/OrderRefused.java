package dev.gannet.ra.testapp;

/**
 * Thrown by {@link OrderDesk} to end its transaction with a system exception, so the container rolls it back.
 */
public class OrderRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrderRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
