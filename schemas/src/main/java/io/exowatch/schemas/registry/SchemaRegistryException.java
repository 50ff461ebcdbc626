package io.exowatch.schemas.registry;

/**
 * A schema-registry request that failed: carries the HTTP status, Confluent's {@code error_code}, the registry's own
 * message and the URL asked, all of which also appear in {@link #getMessage()}.
 *
 * <p>Confluent error codes seen most: {@code 40401} subject not found, {@code 40402} version not found,
 * {@code 40403} schema not found, {@code 409} incompatible schema, {@code 42201} invalid schema,
 * {@code 50001..50003} registry-side failures. {@link #NO_STATUS} stands for "no HTTP answer" (e.g. connection refused).
 */
public class SchemaRegistryException extends RuntimeException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Status and error code when the registry gave none (no answer, or an answer that was not Confluent JSON). */
    public static final int NO_STATUS = -1;

    /** HTTP status. */
    private final int status;
    /** Confluent error code. */
    private final int errorCode;
    /** The registry's message. */
    private final String registryMessage;
    /** Method and URL asked. */
    private final String url;

    /**
     * @param context         what was being done, e.g. {@code "Registering schema under subject 'trials-raw-value'"}
     * @param status          HTTP status, or {@link #NO_STATUS}
     * @param errorCode       Confluent {@code error_code}, or {@link #NO_STATUS}
     * @param registryMessage the registry's {@code message} (or body text), may be empty
     * @param url             the method and URL asked, e.g. {@code "POST http://localhost:8081/subjects/x/versions"}
     * @param cause           the underlying failure, may be {@code null}
     */
    public SchemaRegistryException(final String context, final int status, final int errorCode,
            final String registryMessage, final String url, final Throwable cause) {
        super(describe(context, status, errorCode, registryMessage, url), cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage == null ? "" : registryMessage;
        this.url = url;
    }

    /**
     * Like the full constructor, with a message composed by the subclass.
     *
     * @param message         the whole message
     * @param status          HTTP status, or {@link #NO_STATUS}
     * @param errorCode       Confluent {@code error_code}, or {@link #NO_STATUS}
     * @param registryMessage the registry's {@code message}, may be empty
     * @param url             the method and URL asked
     * @param cause           the underlying failure, may be {@code null}
     * @param composed        marks this overload; the message is used as given
     */
    protected SchemaRegistryException(final String message, final int status, final int errorCode,
            final String registryMessage, final String url, final Throwable cause, final boolean composed) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage == null ? "" : registryMessage;
        this.url = url;
    }

    private static String describe(final String context, final int status, final int errorCode,
            final String registryMessage, final String url) {
        final StringBuilder sb = new StringBuilder(context);
        if (status != NO_STATUS) {
            sb.append(": HTTP ").append(status);
            if (errorCode != NO_STATUS) {
                sb.append(" (error_code ").append(errorCode).append(')');
            }
            sb.append(" from ").append(url);
        } else {
            sb.append(" (").append(url).append(')');
        }
        if (registryMessage != null && !registryMessage.isEmpty()) {
            sb.append(": ").append(registryMessage);
        }
        return sb.toString();
    }

    /** @return the HTTP status, or {@link #NO_STATUS} when the registry did not answer */
    public int status() {
        return status;
    }

    /** @return Confluent's {@code error_code} (e.g. 40403), or {@link #NO_STATUS} when absent */
    public int errorCode() {
        return errorCode;
    }

    /** @return the registry's own message, or the empty string */
    public String registryMessage() {
        return registryMessage;
    }

    /** @return the method and URL asked (e.g. {@code GET http://host:8081/schemas/ids/7}), or a {@code mock://} URL */
    public String url() {
        return url;
    }
}
