package io.dipstream.job;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of one Protobuf message type of the record contract: the message's bytes behind
 * a length, so that state written now reads with any later version of the contract (Protobuf skips
 * unknown fields and defaults missing ones).
 *
 * <p>Guarantees: messages are immutable, so copies are the instance itself; a negative or
 * unparsable length fails the restore with an {@link IOException} naming the state.
 */
abstract class ProtobufSerializer<T extends MessageLite> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    /** What the state holds, for messages. */
    abstract String what();

    abstract T parse(byte[] bytes) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T m, DataOutputView out) throws IOException {
        byte[] b = m.toByteArray();
        out.writeInt(b.length);
        out.write(b);
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException(what() + " state has a negative length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return parse(b);
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }
}
