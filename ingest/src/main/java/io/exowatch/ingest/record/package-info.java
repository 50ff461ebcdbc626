/** Helpers every source parser shares: content hashes of raw records and bounded source payloads. */
package io.exowatch.ingest.record;
