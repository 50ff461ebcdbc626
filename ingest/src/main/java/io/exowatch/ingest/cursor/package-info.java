/** Where each source stands, kept in a compacted Kafka topic so a restarted ingest resumes without gap. */
package io.exowatch.ingest.cursor;
