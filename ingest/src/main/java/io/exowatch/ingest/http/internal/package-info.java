/** Internals of the HTTP client (token bucket, backoff, bounded body); do not depend on these. */
package io.exowatch.ingest.http.internal;
