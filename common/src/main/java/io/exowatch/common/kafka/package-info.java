/** Topic names and specs, topic creation, and the one place Kafka clients are configured. */
package io.exowatch.common.kafka;
