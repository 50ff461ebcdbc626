/** ClinicalTrials.gov API v2: the pure study parser mapping JSON studies to {@code TrialRecord}s. */
package io.exowatch.ingest.ctgov;
