package io.exowatch.schemas.serde.internal;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/** One reusable Avro binary decoder per thread, pointed at each frame's body in place (no copy). */
public final class DecoderCache {

    private static final ThreadLocal<BinaryDecoder> CURRENT = new ThreadLocal<>();

    private DecoderCache() {
    }

    /**
     * This thread's decoder over {@code bytes[offset..offset+length)}.
     *
     * @param bytes  the array
     * @param offset where the Avro body starts
     * @param length the body's length
     * @return the decoder
     */
    public static BinaryDecoder over(final byte[] bytes, final int offset, final int length) {
        final BinaryDecoder reused = CURRENT.get();
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, reused);
        if (decoder != reused) {
            CURRENT.set(decoder);
        }
        return decoder;
    }
}
