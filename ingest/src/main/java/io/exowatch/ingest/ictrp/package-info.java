/** The WHO ICTRP CSV export: a streaming reader, a pure row-to-{@code TrialRecord} parser and the bulk import into {@code trials-raw}. */
package io.exowatch.ingest.ictrp;
