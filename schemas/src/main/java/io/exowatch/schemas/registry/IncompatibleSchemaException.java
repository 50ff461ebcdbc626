package io.exowatch.schemas.registry;

/**
 * The registry refused to register a schema under a subject because it breaks the subject's compatibility rule
 * (HTTP 409). The message names the subject and quotes the registry's reason.
 */
public class IncompatibleSchemaException extends SchemaRegistryException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The subject that refused the schema. */
    private final String subject;

    /**
     * @param subject         the subject the schema was registered under
     * @param status          HTTP status (409)
     * @param errorCode       Confluent {@code error_code} (409)
     * @param registryMessage the registry's reason, e.g. the incompatibilities it found
     * @param url             the method and URL asked
     */
    public IncompatibleSchemaException(final String subject, final int status, final int errorCode,
            final String registryMessage, final String url) {
        super("Schema is incompatible with an earlier version of subject '" + subject + "' (HTTP " + status
                + ", error_code " + errorCode + " from " + url + "): " + registryMessage,
                status, errorCode, registryMessage, url, null, true);
        this.subject = subject;
    }

    /** @return the subject whose compatibility rule refused the schema */
    public String subject() {
        return subject;
    }
}
