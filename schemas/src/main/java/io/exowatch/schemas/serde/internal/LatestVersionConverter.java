package io.exowatch.schemas.serde.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Rewrites a record in a subject's latest schema when its own schema differs ({@code use.latest.version}): the record
 * is written with its own schema and read back through Avro's schema resolution into the latest one. A slow path,
 * taken only when producer classes and the registry disagree.
 */
public final class LatestVersionConverter {

    private final DatumWriter<Object> ownWriter;
    private final GenericDatumReader<Object> resolvingReader;

    /**
     * @param ownWriter a writer for the record's own schema
     * @param own       the record's own schema
     * @param latest    the subject's latest schema
     */
    public LatestVersionConverter(final DatumWriter<Object> ownWriter, final Schema own, final Schema latest) {
        this.ownWriter = ownWriter;
        this.resolvingReader = new GenericDatumReader<>(own, latest, GenericData.get());
    }

    /**
     * @param datum a record of the own schema
     * @return the same data as a {@code GenericRecord} of the latest schema
     */
    public Object convert(final Object datum) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            ownWriter.write(datum, encoder);
            encoder.flush();
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
            return resolvingReader.read(null, decoder);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
