/** Schema-registry client speaking Confluent's REST protocol, with an in-memory {@code mock://} twin for unit tests. */
package io.exowatch.schemas.registry;
