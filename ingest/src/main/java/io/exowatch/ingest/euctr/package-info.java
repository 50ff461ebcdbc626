/** EU Clinical Trials Register (EudraCT): pure parsers of its search pages, full-text downloads and protocol pages, and their mapping into trial records. */
package io.exowatch.ingest.euctr;
