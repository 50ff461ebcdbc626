/** PubMed E-utilities: esearch and efetch XML parsing, pure and tested on saved responses. */
package io.exowatch.ingest.pubmed;
