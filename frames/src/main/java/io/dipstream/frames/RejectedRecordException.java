package io.dipstream.frames;

/**
 * A record that this reader cannot use: it does not parse, carries a contract version this reader
 * does not know, or contradicts itself. The message is the reason recorded with the record on the
 * dead-letter topic.
 */
public class RejectedRecordException extends Exception {
    public RejectedRecordException(String reason) {
        super(reason);
    }

    public RejectedRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
