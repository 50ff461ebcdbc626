package io.exowatch.common.config;

/** A configuration value is missing, unknown or malformed; the message names the key. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the key. */
  public ConfigException(final String message) {
    super(message);
  }

  /** Creates the exception with a message naming the key and its cause. */
  public ConfigException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
