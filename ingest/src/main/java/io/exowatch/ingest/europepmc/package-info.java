/** Europe PMC REST search JSON parsing (resultType core or lite), pure and tested on saved responses. */
package io.exowatch.ingest.europepmc;
