package io.dipstream.job;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * The job's element types: Kafka records as (key, value bytes), and dead letters as (key, reason,
 * value bytes). Values stay bytes between operators so that a record the job cannot parse still
 * reaches the dead-letter topic unchanged.
 */
public final class KeyedRecords {
    /** (stream id from the Kafka key, record bytes). */
    public static final TypeInformation<Tuple2<String, byte[]>> RECORD =
            Types.TUPLE(Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE));

    /** (Kafka key, why it was rejected, record bytes). */
    public static final TypeInformation<Tuple3<String, String, byte[]>> DEAD_LETTER =
            Types.TUPLE(Types.STRING, Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE));

    private KeyedRecords() {}

    static String key(byte[] key) {
        return key == null ? "" : new String(key, StandardCharsets.UTF_8);
    }

    static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
