package io.dipstream.job;

import io.dipstream.dip.NetworkState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of a stream's {@link NetworkState} (generator weights and Adam's moments).
 *
 * <p>Layout, version 1: int format version, int parameter count n, int Adam steps, then weights,
 * first and second moments as 3·n little-endian floats written in bulk (the paper network has 2.2
 * million parameters: one call per float would dominate checkpoint time).
 */
public final class NetworkStateSerializer extends TypeSerializerSingleton<NetworkState> {
    public static final NetworkStateSerializer INSTANCE = new NetworkStateSerializer();

    private static final int FORMAT = 1;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public NetworkState createInstance() {
        return new NetworkState(0, new float[0], new float[0], new float[0], 0);
    }

    @Override
    public NetworkState copy(NetworkState from) {
        return new NetworkState(
                from.parameterCount(),
                from.weights().clone(),
                from.adamM().clone(),
                from.adamV().clone(),
                from.adamSteps());
    }

    @Override
    public NetworkState copy(NetworkState from, NetworkState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(NetworkState s, DataOutputView out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(s.parameterCount());
        out.writeInt(s.adamSteps());
        writeFloats(s.weights(), out);
        writeFloats(s.adamM(), out);
        writeFloats(s.adamV(), out);
    }

    @Override
    public NetworkState deserialize(DataInputView in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("network state format " + format + " is not supported");
        }
        int n = in.readInt();
        int steps = in.readInt();
        if (n < 0) {
            throw new IOException("network state has a negative parameter count " + n);
        }
        float[] w = readFloats(n, in);
        float[] m = readFloats(n, in);
        float[] v = readFloats(n, in);
        return new NetworkState(n, w, m, v, steps);
    }

    @Override
    public NetworkState deserialize(NetworkState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<NetworkState> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeFloats(float[] a, DataOutputView out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        out.write(b.array());
    }

    private static float[] readFloats(int n, DataInputView in) throws IOException {
        byte[] bytes = new byte[4 * n];
        in.readFully(bytes);
        float[] a = new float[n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
        return a;
    }

    /** Restores this serializer from a checkpoint; compatible as long as the format reads. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<NetworkState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
