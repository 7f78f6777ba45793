package org.eibench.runtime;

/** A model spec that names nothing known or carries bad options; the message says what exists. */
public class ModelSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelSpecException(String message) {
        super(message);
    }

    public ModelSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
