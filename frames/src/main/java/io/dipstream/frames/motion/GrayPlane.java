package io.dipstream.frames.motion;

/**
 * A one-channel float image (luma for motion estimates and defect detection), rows top to bottom.
 * Every filter returns a new plane of the same size and treats the border by repeating the edge
 * samples, so nothing near the border looks like an edge.
 */
public record GrayPlane(int width, int height, float[] v) {

    /** Rec. 601 luma of packed RGB24, in 8-bit levels. */
    public static GrayPlane luma(byte[] rgb, int width, int height) {
        float[] y = new float[width * height];
        for (int i = 0; i < y.length; i++) {
            y[i] =
                    0.299f * (rgb[3 * i] & 0xff)
                            + 0.587f * (rgb[3 * i + 1] & 0xff)
                            + 0.114f * (rgb[3 * i + 2] & 0xff);
        }
        return new GrayPlane(width, height, y);
    }

    /** The mean of all samples. */
    public float mean() {
        double sum = 0;
        for (float s : v) {
            sum += s;
        }
        return (float) (sum / v.length);
    }

    /** The sample at (x, y), the nearest edge sample for coordinates outside. */
    public float at(int x, int y) {
        return v[clamp(y, height) * width + clamp(x, width)];
    }

    /** Mean over a box {@code 2*rx+1} wide and {@code 2*ry+1} tall. */
    public GrayPlane boxMean(int rx, int ry) {
        return pass(true, rx, Op.MEAN).pass(false, ry, Op.MEAN);
    }

    /** Maximum over the square of radius {@code r}. */
    public GrayPlane max(int r) {
        return pass(true, r, Op.MAX).pass(false, r, Op.MAX);
    }

    /** Minimum over the square of radius {@code r}. */
    public GrayPlane min(int r) {
        return pass(true, r, Op.MIN).pass(false, r, Op.MIN);
    }

    private enum Op {
        MEAN,
        MAX,
        MIN
    }

    /** One separable 1-D pass of radius {@code r} along every row, or along every column. */
    private GrayPlane pass(boolean alongRows, int r, Op op) {
        int lines = alongRows ? height : width;
        int length = alongRows ? width : height;
        int step = alongRows ? 1 : width;
        float[] out = new float[v.length];
        float[] line = new float[length + 2 * r];
        float[] result = new float[length];
        for (int l = 0; l < lines; l++) {
            int base = alongRows ? l * width : l;
            for (int k = 0; k < line.length; k++) {
                line[k] = v[base + clamp(k - r, length) * step];
            }
            // One loop per operation keeps the inner loops free of branches.
            switch (op) {
                case MEAN -> mean(line, r, result);
                case MAX -> extreme(line, r, result, true);
                case MIN -> extreme(line, r, result, false);
            }
            for (int i = 0; i < length; i++) {
                out[base + i * step] = result[i];
            }
        }
        return new GrayPlane(width, height, out);
    }

    private static void mean(float[] line, int r, float[] out) {
        float scale = 1f / (2 * r + 1);
        for (int i = 0; i < out.length; i++) {
            float sum = 0;
            for (int k = i; k <= i + 2 * r; k++) {
                sum += line[k];
            }
            out[i] = sum * scale;
        }
    }

    private static void extreme(float[] line, int r, float[] out, boolean max) {
        for (int i = 0; i < out.length; i++) {
            float e = line[i];
            for (int k = i + 1; k <= i + 2 * r; k++) {
                e = max ? Math.max(e, line[k]) : Math.min(e, line[k]);
            }
            out[i] = e;
        }
    }

    public static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
