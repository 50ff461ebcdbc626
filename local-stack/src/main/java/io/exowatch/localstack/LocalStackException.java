package io.exowatch.localstack;

/**
 * An embedded component (broker, schema registry, OpenSearch node) could not start, stop or serve a
 * request. The message names the component and what failed (port, directory, topic).
 */
public class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public LocalStackException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
