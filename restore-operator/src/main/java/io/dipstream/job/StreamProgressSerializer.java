package io.dipstream.job;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link StreamProgress}: three longs and a double, fixed length. */
public final class StreamProgressSerializer extends TypeSerializerSingleton<StreamProgress> {
    public static final StreamProgressSerializer INSTANCE = new StreamProgressSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public StreamProgress createInstance() {
        return StreamProgress.START;
    }

    @Override
    public StreamProgress copy(StreamProgress from) {
        return from;
    }

    @Override
    public StreamProgress copy(StreamProgress from, StreamProgress reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return 32;
    }

    @Override
    public void serialize(StreamProgress p, DataOutputView out) throws IOException {
        out.writeLong(p.framesRestored());
        out.writeLong(p.lastIndex());
        out.writeLong(p.iterations());
        out.writeDouble(p.seconds());
    }

    @Override
    public StreamProgress deserialize(DataInputView in) throws IOException {
        return new StreamProgress(in.readLong(), in.readLong(), in.readLong(), in.readDouble());
    }

    @Override
    public StreamProgress deserialize(StreamProgress reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, getLength());
    }

    @Override
    public TypeSerializerSnapshot<StreamProgress> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StreamProgress> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
