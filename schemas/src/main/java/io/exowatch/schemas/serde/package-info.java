/** Kafka serializers, deserializers and serdes for Avro records in Confluent's wire format (magic byte 0, 4-byte schema id, Avro binary). */
package io.exowatch.schemas.serde;
