/** The pure batching buffer that decides when a bulk request is sent (count, bytes, linger); no I/O. */
package io.exowatch.sink.internal.batch;
