/** Test records and a rule-based stand-in classifier for the enrich tests. */
package io.exowatch.enrich.testing;
