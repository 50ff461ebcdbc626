/** What every parser shares: typed parse failures, per-record failures, safe XML, plain text, dates and article keys. */
package io.exowatch.ingest.parse;
