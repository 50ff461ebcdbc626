/** Internals of the Avro serdes (frame buffers, datum reader and writer caches): do not depend on this package. */
package io.exowatch.schemas.serde.internal;
