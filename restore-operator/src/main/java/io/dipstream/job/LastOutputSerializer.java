package io.dipstream.job;

import io.dipstream.restore.LastOutput;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of a stream's {@link LastOutput}.
 *
 * <p>Layout, version 1: int format version, int width, int height, then the 3·width·height RGB
 * samples as they are.
 */
public final class LastOutputSerializer extends TypeSerializerSingleton<LastOutput> {
    public static final LastOutputSerializer INSTANCE = new LastOutputSerializer();

    private static final int FORMAT = 1;

    @Override
    public boolean isImmutableType() {
        // Nothing changes a LastOutput's samples after it is made (see its guarantee).
        return true;
    }

    @Override
    public LastOutput createInstance() {
        return new LastOutput(1, 1, new byte[3]);
    }

    @Override
    public LastOutput copy(LastOutput from) {
        return from;
    }

    @Override
    public LastOutput copy(LastOutput from, LastOutput reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LastOutput o, DataOutputView out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(o.width());
        out.writeInt(o.height());
        out.write(o.rgb());
    }

    @Override
    public LastOutput deserialize(DataInputView in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("last output format " + format + " is not supported");
        }
        int w = in.readInt();
        int h = in.readInt();
        if (w <= 0 || h <= 0 || 3L * w * h > Integer.MAX_VALUE) {
            throw new IOException("last output has an impossible size " + w + "x" + h);
        }
        byte[] rgb = new byte[3 * w * h];
        in.readFully(rgb);
        return new LastOutput(w, h, rgb);
    }

    @Override
    public LastOutput deserialize(LastOutput reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<LastOutput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LastOutput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
