/** The ISRCTN registry: a pure parser of its XML API ({@code api/query/format/default}, namespace {@code http://www.67bricks.com/isrctn}). */
package io.exowatch.ingest.isrctn;
