package dev.gannet.ra;

/**
 * The identity a connection to the broker is opened with: a user name and password, either of them null when not
 * given (the broker then decides whether it lets the connection in). Equal when both are equal, so that a pool can
 * tell connections of one identity from another's. {@link #toString} never shows the password.
 *
 * @param user     the user name, or null
 * @param password the password, or null
 */
public record Credentials(String user, String password) {

    /** No user and no password. */
    public static final Credentials NONE = new Credentials(null, null);

    /** These credentials, or {@code fallback} when these name no user. */
    public Credentials or(Credentials fallback) {
        return user == null ? fallback : this;
    }

    /** Whether these credentials name a user. */
    public boolean named() {
        return user != null;
    }

    @Override
    public String toString() {
        return user == null ? "no user" : "user '" + user + "'" + (password == null ? " without password" : "");
    }
}
