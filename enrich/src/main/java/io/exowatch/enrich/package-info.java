/** The enrich Kafka Streams application: configuration, topics with serdes, the topology and the service that runs it. */
package io.exowatch.enrich;
