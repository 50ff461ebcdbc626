/** The sink service: bulk-indexes enriched records into OpenSearch and serves the search API, the SSE feed and the page. */
package io.exowatch.sink;
