package io.dipstream.report;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The current and the previous frame of one clip as OpenCV 8-bit RGB matrices, in two buffers that
 * are reused for the whole clip: what a streaming metric needs, and no more.
 *
 * <p>Frames decoded at another size are brought to the measuring size with bicubic interpolation (a
 * super-resolution input measured against its reference). Not thread-safe; close it.
 */
final class RollingFrame implements AutoCloseable {
    private final int width;
    private final int height;
    private Mat current;
    private Mat previous;
    private Mat staging;
    private long pushed;

    /** Frames are measured at {@code width × height}. */
    RollingFrame(int width, int height) {
        this.width = width;
        this.height = height;
        this.current = new Mat(height, width, CV_8UC3);
        this.previous = new Mat(height, width, CV_8UC3);
    }

    /** Makes {@code rgb} (packed RGB24 of {@code w × h}) the current frame. */
    void push(byte[] rgb, int w, int h) {
        Mat swap = previous;
        previous = current;
        current = swap;
        if (w == width && h == height) {
            current.data().put(rgb);
        } else {
            if (staging == null || staging.cols() != w || staging.rows() != h) {
                closeStaging();
                staging = new Mat(h, w, CV_8UC3);
            }
            staging.data().put(rgb);
            try (Size size = new Size(width, height)) {
                opencv_imgproc.resize(staging, current, size, 0, 0, INTER_CUBIC);
            }
        }
        pushed++;
    }

    Mat current() {
        if (pushed == 0) {
            throw new IllegalStateException("no frame pushed yet");
        }
        return current;
    }

    /** The frame before the current one, or {@code null} while there is only one. */
    Mat previous() {
        return pushed >= 2 ? previous : null;
    }

    @Override
    public void close() {
        current.close();
        previous.close();
        closeStaging();
    }

    private void closeStaging() {
        if (staging != null) {
            staging.close();
            staging = null;
        }
    }
}
