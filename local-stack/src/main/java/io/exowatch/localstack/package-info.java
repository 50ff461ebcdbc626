/** Embedded infrastructure for tests and the zero-setup run: KRaft broker, Confluent-API schema registry, OpenSearch node. */
package io.exowatch.localstack;
