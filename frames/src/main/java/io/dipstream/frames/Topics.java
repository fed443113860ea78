package io.dipstream.frames;

/** The Kafka topics of the pipeline. */
public final class Topics {
    /** Decoded frames from ingest, key = stream id. */
    public static final String FRAMES = "dip.frames";

    /** Restored frames from the Flink job, key = stream id, written transactionally. */
    public static final String RESTORED = "dip.restored";

    /** Records the job could not use, unchanged, with the reason in the header {@link #REASON}. */
    public static final String DEAD_LETTER = "dip.deadletter";

    /** Kafka header of a dead-lettered record that says why it was rejected. */
    public static final String REASON = "dipstream.reason";

    private Topics() {}
}
