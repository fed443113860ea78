package io.dipstream.cli;

import io.dipstream.sink.Codec;
import io.dipstream.sink.VideoWriter;
import io.dipstream.sink.WriterSpec;
import io.dipstream.testing.SyntheticClips;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small noisy clip (a pattern drifting 2 pixels a frame, σ 20) long enough to interrupt. */
final class MovingClip {
    static final int W = 64;
    static final int H = 48;

    private MovingClip() {}

    static List<byte[]> frames(int n) {
        List<byte[]> frames = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            byte[] rgb = new byte[W * H * 3];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int i = (y * W + x) * 3;
                    rgb[i] = (byte) (128 + 90 * Math.sin((x + 2 * t) / 5.0) * Math.cos(y / 6.0));
                    rgb[i + 1] = (byte) (100 + 60 * Math.cos((x - t) / 7.0));
                    rgb[i + 2] = (byte) (60 + 2 * y + 3 * t);
                }
            }
            frames.add(rgb);
        }
        return SyntheticClips.noisy(frames, 20, 7);
    }

    /** Writes {@code n} frames at 10 fps, lossless. */
    static Path write(Path file, int n) {
        try (VideoWriter w =
                VideoWriter.open(file, WriterSpec.of(W, H, 10).withCodec(Codec.FFV1))) {
            List<byte[]> frames = frames(n);
            for (int i = 0; i < n; i++) {
                w.write(frames.get(i), i * 100_000L);
            }
            w.finish();
        }
        return file;
    }

    /** The restore settings both the interrupted and the reference runs use. */
    static String[] settings() {
        return new String[] {
            "--preset",
            "fast",
            "--first-iterations",
            "60",
            "--frame-iterations",
            "40",
            "--threads",
            "1",
            "--checkpoint-interval-ms",
            "300",
            "--no-progress"
        };
    }
}
