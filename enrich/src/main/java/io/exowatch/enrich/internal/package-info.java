/** Internals of the enrich topology (processors, fingerprints, link state, internal serdes): not an API, may change at any time. */
package io.exowatch.enrich.internal;
