package io.exowatch.schemas.registry;

/**
 * The registry could not be reached, or kept answering with a server error (5xx, 429), for every attempt of a
 * request: raised after the configured bounded retries. The message names every URL tried and the number of attempts.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Attempts made. */
    private final int attempts;

    /**
     * @param request         the method and path asked, e.g. {@code GET /schemas/ids/7}
     * @param urls            the registry URLs tried
     * @param attempts        how many rounds over the URLs were made (1 + retries)
     * @param lastStatus      the last HTTP status seen, or {@link #NO_STATUS} when none answered
     * @param lastErrorCode   the last Confluent error code seen, or {@link #NO_STATUS}
     * @param lastMessage     a description of the last failure
     * @param lastUrl         the last URL asked
     * @param cause           the last exception, may be {@code null}
     */
    public SchemaRegistryUnavailableException(final String request, final String urls, final int attempts,
            final int lastStatus, final int lastErrorCode, final String lastMessage, final String lastUrl,
            final Throwable cause) {
        super("Schema registry unavailable: " + request + " failed after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + " against " + urls + "; last error from " + lastUrl + ": "
                + lastMessage, lastStatus, lastErrorCode, lastMessage, lastUrl, cause, true);
        this.attempts = attempts;
    }

    /** @return how many attempts were made before giving up */
    public int attempts() {
        return attempts;
    }
}
