/** Internals of the ChiCTR parsers (label/value cells, nested tables, ids, dates, page checks); do not depend on these. */
package io.exowatch.ingest.chictr.internal;
