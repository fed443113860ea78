package io.dipstream.job;

import io.dipstream.frames.proto.StreamHeader;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Flink serializer of a stream's header, kept in state so that every frame of the stream is
 * restored with the settings it was ingested with.
 */
public final class StreamHeaderSerializer extends ProtobufSerializer<StreamHeader> {
    private static final long serialVersionUID = 1L;
    public static final StreamHeaderSerializer INSTANCE = new StreamHeaderSerializer();

    @Override
    String what() {
        return "stream header";
    }

    @Override
    StreamHeader parse(byte[] bytes) throws IOException {
        return StreamHeader.parseFrom(bytes);
    }

    @Override
    public StreamHeader createInstance() {
        return StreamHeader.getDefaultInstance();
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
