/** Sources: each a fetcher (a polite site client) and a pure parser, paging from a cursor and handing batches on. */
package io.exowatch.ingest.source;
