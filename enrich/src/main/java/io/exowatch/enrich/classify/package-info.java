/** The rule-based classifier of CLASSIFICATION.md: categories, labels with evidence, phase and status normalisers. */
package io.exowatch.enrich.classify;
