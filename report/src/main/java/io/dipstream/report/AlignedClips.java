package io.dipstream.report;

import io.dipstream.frames.BadInputException;
import io.dipstream.ingest.DecodedFrame;
import io.dipstream.ingest.VideoInfo;
import io.dipstream.ingest.VideoSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Several clips decoded in lockstep, frame i of each together: frames are paired by decode order,
 * never by timestamp, so clips written at different rates or with shifted timestamps still pair the
 * way the restoration produced them.
 *
 * <p>Guarantees: {@link #next()} returns one frame per clip until all clips end together; if one
 * clip ends before another it throws {@link BadInputException} naming every clip and its frame
 * count. Not thread-safe; close it.
 */
final class AlignedClips implements AutoCloseable {

    /** A clip and the role it plays in the report, for messages ("input", "restored", ...). */
    record Clip(String role, Path path) {
        Clip {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return role + " " + path;
        }
    }

    private final List<Clip> clips;
    private final List<VideoSource> sources;
    private long index;

    private AlignedClips(List<Clip> clips, List<VideoSource> sources) {
        this.clips = clips;
        this.sources = sources;
    }

    /** Opens every clip, or none: a clip that cannot be opened closes those already open. */
    static AlignedClips open(List<Clip> clips) {
        List<VideoSource> sources = new ArrayList<>();
        try {
            for (Clip c : clips) {
                sources.add(VideoSource.open(c.path()));
            }
        } catch (RuntimeException e) {
            sources.forEach(VideoSource::close);
            throw e;
        }
        return new AlignedClips(List.copyOf(clips), sources);
    }

    VideoInfo info(int clip) {
        return sources.get(clip).info();
    }

    /** The next frame of every clip, in the order given to {@link #open}, or null at the end. */
    DecodedFrame[] next() {
        DecodedFrame[] frames = new DecodedFrame[sources.size()];
        int ended = 0;
        for (int i = 0; i < frames.length; i++) {
            frames[i] = sources.get(i).next();
            if (frames[i] == null) {
                ended++;
            }
        }
        if (ended == frames.length) {
            return null;
        }
        if (ended > 0) {
            throw new BadInputException(countMismatch(frames));
        }
        index++;
        return frames;
    }

    /** Frames decoded from each clip so far. */
    long frames() {
        return index;
    }

    private String countMismatch(DecodedFrame[] atEnd) {
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < atEnd.length; i++) {
            long count = index;
            if (atEnd[i] != null) {
                // Decode the rest so the message gives the real count rather than "more".
                count++;
                while (sources.get(i).next() != null) {
                    count++;
                }
            }
            counts.add(clips.get(i) + " has " + count + (count == 1 ? " frame" : " frames"));
        }
        return "the clips differ in length (frames are paired by decode order): "
                + counts.stream().collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        sources.forEach(VideoSource::close);
    }
}
