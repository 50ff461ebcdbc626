/** Typed configuration declared once: keys with defaults and docs, loaded from file, EXOWATCH_ environment and command line. */
package io.exowatch.common.config;
