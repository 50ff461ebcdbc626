/** The exowatch command line (picocli) and its subcommands. */
package io.exowatch.app;
