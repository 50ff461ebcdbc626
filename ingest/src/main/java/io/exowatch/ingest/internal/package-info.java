/** Internals of the ingest service (publishing batches, building dead letters); do not depend on these. */
package io.exowatch.ingest.internal;
