/** Chinese Clinical Trial Registry (ChiCTR) HTML: pure parsers of search result pages and bilingual project pages. */
package io.exowatch.ingest.chictr;
