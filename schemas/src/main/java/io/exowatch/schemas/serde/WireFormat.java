package io.exowatch.schemas.serde;

/**
 * Confluent's message frame: magic byte {@value #MAGIC_BYTE}, the schema id as a big-endian 4-byte int, then the
 * record in plain Avro binary (no container file header, no fingerprint).
 */
public final class WireFormat {

    /** The first byte of every frame. */
    public static final byte MAGIC_BYTE = 0;
    /** Bytes before the Avro body: magic byte and schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * Writes the header into {@code target[offset..offset+5)}.
     *
     * @param target   the buffer
     * @param offset   where the frame starts
     * @param schemaId the registry's schema id
     */
    public static void writeHeader(final byte[] target, final int offset, final int schemaId) {
        target[offset] = MAGIC_BYTE;
        target[offset + 1] = (byte) (schemaId >>> 24);
        target[offset + 2] = (byte) (schemaId >>> 16);
        target[offset + 3] = (byte) (schemaId >>> 8);
        target[offset + 4] = (byte) schemaId;
    }

    /**
     * Reads the schema id of a frame whose magic byte and length were already checked.
     *
     * @param frame  the bytes
     * @param offset where the frame starts
     * @return the schema id
     */
    public static int readSchemaId(final byte[] frame, final int offset) {
        return (frame[offset + 1] & 0xff) << 24 | (frame[offset + 2] & 0xff) << 16
                | (frame[offset + 3] & 0xff) << 8 | frame[offset + 4] & 0xff;
    }
}
