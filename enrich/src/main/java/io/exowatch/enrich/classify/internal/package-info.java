/** Internals of the classifier (text folding, the phrase automaton, the record analysis); do not depend on these. */
package io.exowatch.enrich.classify.internal;
