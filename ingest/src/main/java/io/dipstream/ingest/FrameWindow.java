package io.dipstream.ingest;

/**
 * The decoded frames around the current one: up to {@code reach} frames before it (kept) and after
 * it (read ahead), for steps that compare a frame with its neighbours. With reach 0 it simply steps
 * through the input.
 */
final class FrameWindow {
    private final VideoSource video;
    private final int reach;

    /** Frames cur-reach .. cur+reach; null before the first and after the last. */
    private final DecodedFrame[] slots;

    private boolean started;

    FrameWindow(VideoSource video, int reach) {
        this.video = video;
        this.reach = reach;
        this.slots = new DecodedFrame[2 * reach + 1];
    }

    /** Moves to the next frame; false once the input is exhausted. */
    boolean advance() {
        if (!started) {
            started = true;
            for (int i = reach; i < slots.length; i++) {
                slots[i] = video.next();
            }
        } else {
            System.arraycopy(slots, 1, slots, 0, slots.length - 1);
            slots[slots.length - 1] = video.next();
        }
        return slots[reach] != null;
    }

    /** The frame {@code offset} frames from the current one (0), or null where there is none. */
    DecodedFrame at(int offset) {
        if (Math.abs(offset) > reach) {
            throw new IllegalArgumentException("offset " + offset + " is beyond reach " + reach);
        }
        return slots[reach + offset];
    }
}
