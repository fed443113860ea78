import io.dipstream.frames.motion.TemporalTarget;
import io.dipstream.frames.noise.NoiseLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PSNR of the multi-frame target alone (no fit), against the clean clip: the frames' mean over the
 * first FRAMES frames, each averaged with its 2k nearest neighbours as ingest does. Arguments: clean
 * and noisy raw RGB24 files, width, height, k, frames. Run by bench/target-psnr.sh.
 */
public class TargetPsnr {
    public static void main(String[] a) throws Exception {
        int w = Integer.parseInt(a[2]);
        int h = Integer.parseInt(a[3]);
        int k = Integer.parseInt(a[4]);
        int n = 3 * w * h;
        byte[] clean = Files.readAllBytes(Path.of(a[0]));
        byte[] noisy = Files.readAllBytes(Path.of(a[1]));
        int total = noisy.length / n;
        int frames = Math.min(Integer.parseInt(a[5]), total);
        double target = 0;
        double input = 0;
        double fraction = 0;
        for (int t = 0; t < frames; t++) {
            byte[] centre = frame(noisy, t, n);
            List<TemporalTarget.Neighbour> neighbours = new ArrayList<>();
            for (int d = 1; d <= 2 * k && neighbours.size() < 2 * k; d++) {
                for (int o : new int[] {-d, d}) {
                    int j = t + o;
                    if (j >= 0 && j < total && neighbours.size() < 2 * k) {
                        neighbours.add(new TemporalTarget.Neighbour(o, frame(noisy, j, n)));
                    }
                }
            }
            TemporalTarget.Result r =
                    TemporalTarget.of(centre, neighbours, w, h, NoiseLevel.sigma(centre, w, h));
            byte[] truth = frame(clean, t, n);
            target += psnr(r.rgb(), truth);
            input += psnr(centre, truth);
            fraction += r.noiseFraction();
        }
        System.out.printf(
                "%s k=%d frames=%d noisy=%.2f target=%.2f noise_fraction=%.3f%n",
                Path.of(a[1]).getFileName(), k, frames, input / frames, target / frames,
                fraction / frames);
    }

    private static byte[] frame(byte[] all, int t, int n) {
        return Arrays.copyOfRange(all, t * n, (t + 1) * n);
    }

    private static double psnr(byte[] a, byte[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            s += d * d;
        }
        return 10 * Math.log10(255.0 * 255 / (s / a.length));
    }
}
