/** Internals of the ClinicalTrials.gov parser (typed JSON access, markdown un-escaping); do not depend on these. */
package io.exowatch.ingest.ctgov.internal;
