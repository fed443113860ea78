package io.dipstream.job;

import io.dipstream.frames.proto.StreamHeader;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of a stream's header, kept in state so that every frame of the stream is
 * restored with the settings it was ingested with. Stored as the header's Protobuf bytes behind a
 * length, so state written now reads with any later version of the contract.
 */
public final class StreamHeaderSerializer extends TypeSerializerSingleton<StreamHeader> {
    public static final StreamHeaderSerializer INSTANCE = new StreamHeaderSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public StreamHeader createInstance() {
        return StreamHeader.getDefaultInstance();
    }

    @Override
    public StreamHeader copy(StreamHeader from) {
        return from;
    }

    @Override
    public StreamHeader copy(StreamHeader from, StreamHeader reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(StreamHeader h, DataOutputView out) throws IOException {
        byte[] b = h.toByteArray();
        out.writeInt(b.length);
        out.write(b);
    }

    @Override
    public StreamHeader deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("stream header state has a negative length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return StreamHeader.parseFrom(b);
    }

    @Override
    public StreamHeader deserialize(StreamHeader reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<StreamHeader> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StreamHeader> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
