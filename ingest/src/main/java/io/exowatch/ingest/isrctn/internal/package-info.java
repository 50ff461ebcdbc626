/** ISRCTN parsing details: namespace-aware navigation, the mapping of one {@code fullTrial}, outcome and id lists. Not API. */
package io.exowatch.ingest.isrctn.internal;
