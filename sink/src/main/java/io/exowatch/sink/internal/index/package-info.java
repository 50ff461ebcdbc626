/** Indexing internals: index templates and aliases, Avro record to document mapping, the bulk writer and the consumer loop. */
package io.exowatch.sink.internal.index;
