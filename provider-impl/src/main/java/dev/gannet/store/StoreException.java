package dev.gannet.store;

/** The store could not do what it was asked; the message says what and where. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
