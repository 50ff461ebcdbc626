package io.exowatch.ingest;

/**
 * How far a source's pass has got.
 *
 * @param source the source's name
 * @param pages requests whose results were handed on (pages, batches, landing pages)
 * @param recordsPublished records acknowledged by Kafka
 * @param deadLetters dead letters acknowledged by Kafka
 */
public record SourceProgress(String source, int pages, long recordsPublished, long deadLetters) {
}
