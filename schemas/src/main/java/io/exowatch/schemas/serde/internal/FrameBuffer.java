package io.exowatch.schemas.serde.internal;

import io.exowatch.schemas.serde.WireFormat;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A per-thread, unsynchronised output buffer for one frame at a time, with its reusable Avro encoder. The frame is
 * written in place (header, then the encoder writes straight into the array) and copied once, into the exact-size
 * result. A buffer that grew past {@value #RETAINED_LIMIT} bytes for a large record is dropped afterwards, so idle
 * threads hold little memory.
 */
public final class FrameBuffer extends OutputStream {

    private static final int INITIAL_SIZE = 4096;
    private static final int RETAINED_LIMIT = 1 << 20;
    private static final ThreadLocal<FrameBuffer> CURRENT = ThreadLocal.withInitial(FrameBuffer::new);

    private byte[] bytes = new byte[INITIAL_SIZE];
    private int count;
    private BinaryEncoder encoder;

    private FrameBuffer() {
    }

    /**
     * This thread's buffer, emptied, with the frame header written.
     *
     * @param schemaId the schema id for the header
     * @return the buffer
     */
    public static FrameBuffer start(final int schemaId) {
        final FrameBuffer buffer = CURRENT.get();
        WireFormat.writeHeader(buffer.bytes, 0, schemaId);
        buffer.count = WireFormat.HEADER_SIZE;
        return buffer;
    }

    /** @return an encoder writing straight into this buffer */
    public BinaryEncoder encoder() {
        encoder = EncoderFactory.get().directBinaryEncoder(this, encoder);
        return encoder;
    }

    /** @return the frame, copied into an exact-size array; the buffer is ready for the next frame */
    public byte[] finish() {
        final byte[] frame = Arrays.copyOf(bytes, count);
        if (bytes.length > RETAINED_LIMIT) {
            bytes = new byte[INITIAL_SIZE];
        }
        count = 0;
        return frame;
    }

    @Override
    public void write(final int b) {
        ensure(count + 1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(final byte[] source, final int offset, final int length) {
        ensure(count + length);
        System.arraycopy(source, offset, bytes, count, length);
        count += length;
    }

    private void ensure(final int needed) {
        if (needed > bytes.length) {
            if (needed < 0) {
                throw new OutOfMemoryError("Avro frame larger than 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length << 1));
        }
    }
}
