/** Internals of the embedded schema registry (state, Kafka log, HTTP routing, compatibility rules): do not depend on these. */
package io.exowatch.localstack.internal.registry;
