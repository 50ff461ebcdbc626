/** The ingest service: runs the sources, publishes raw records, dead letters and cursors to Kafka. */
package io.exowatch.ingest;
