/** The Iranian Registry of Clinical Trials (IRCT): pure parsers of its search result pages (HTML) and per-trial XML. */
package io.exowatch.ingest.irct;
