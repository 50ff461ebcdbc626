/** Polite HTTP fetching: one client per site with user agent, timeouts, body limit, host allow-list, rate limit and retries. */
package io.exowatch.ingest.http;
