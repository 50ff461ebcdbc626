/** Internals of the EU CTR parsers (value cleaning, line reading); don't depend on this. */
package io.exowatch.ingest.euctr.internal;
