package org.eibench.harness.datasets;

/** A fetch or verification that could not be completed: the message says what failed and what to do. */
public final class DataException extends Exception {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
