package io.dipstream.job;

import io.dipstream.frames.proto.FrameRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Flink serializer of a frame record, for the frames a pre-roll window holds in state until it
 * closes (so that a restart resumes the window instead of losing its frames).
 */
public final class FrameRecordSerializer extends ProtobufSerializer<FrameRecord> {
    private static final long serialVersionUID = 1L;
    public static final FrameRecordSerializer INSTANCE = new FrameRecordSerializer();

    @Override
    String what() {
        return "held frame";
    }

    @Override
    FrameRecord parse(byte[] bytes) throws IOException {
        return FrameRecord.parseFrom(bytes);
    }

    @Override
    public FrameRecord createInstance() {
        return FrameRecord.getDefaultInstance();
    }

    @Override
    public TypeSerializerSnapshot<FrameRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FrameRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
