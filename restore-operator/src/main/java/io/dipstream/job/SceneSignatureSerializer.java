package io.dipstream.job;

import io.dipstream.restore.SceneSignature;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link SceneSignature}: its {@value SceneSignature#LENGTH} floats, fixed
 * length.
 */
public final class SceneSignatureSerializer extends TypeSerializerSingleton<SceneSignature> {
    public static final SceneSignatureSerializer INSTANCE = new SceneSignatureSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public SceneSignature createInstance() {
        return new SceneSignature(new float[SceneSignature.LENGTH]);
    }

    @Override
    public SceneSignature copy(SceneSignature from) {
        return from;
    }

    @Override
    public SceneSignature copy(SceneSignature from, SceneSignature reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return 4 * SceneSignature.LENGTH;
    }

    @Override
    public void serialize(SceneSignature s, DataOutputView out) throws IOException {
        for (float v : s.cells()) {
            out.writeFloat(v);
        }
    }

    @Override
    public SceneSignature deserialize(DataInputView in) throws IOException {
        float[] cells = new float[SceneSignature.LENGTH];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = in.readFloat();
        }
        return new SceneSignature(cells);
    }

    @Override
    public SceneSignature deserialize(SceneSignature reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, getLength());
    }

    @Override
    public TypeSerializerSnapshot<SceneSignature> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SceneSignature> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
