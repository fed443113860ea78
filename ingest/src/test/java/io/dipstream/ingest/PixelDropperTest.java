package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PixelDropperTest {

    static int count(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void dropsExactlyTheRoundedFraction() {
        for (double f : new double[] {0, 0.01, 0.25, 0.5, 0.9}) {
            assertThat(count(new PixelDropper(f, 7).mask(3, 1000)))
                    .isEqualTo((int) Math.round(f * 1000));
        }
    }

    @Test
    void isReproducibleAndDiffersBetweenFramesAndSeeds() {
        byte[] a = new PixelDropper(0.5, 7).mask(3, 500);
        assertThat(new PixelDropper(0.5, 7).mask(3, 500)).isEqualTo(a);
        assertThat(new PixelDropper(0.5, 7).mask(4, 500)).isNotEqualTo(a);
        assertThat(new PixelDropper(0.5, 8).mask(3, 500)).isNotEqualTo(a);
    }

    @Test
    void spreadsTheDropsOverTheFrame() {
        byte[] m = new PixelDropper(0.5, 1).mask(0, 10_000);
        int firstHalf = 0;
        for (int i = 0; i < 5000; i++) {
            firstHalf += m[i] != 0 ? 1 : 0;
        }
        assertThat(firstHalf).isBetween(2400, 2600);
    }

    @Test
    void blanksOnlyTheDroppedPixels() {
        byte[] rgb = {1, 2, 3, 4, 5, 6};
        PixelDropper.blank(rgb, new byte[] {0, (byte) 255});
        assertThat(rgb).containsExactly(1, 2, 3, 0, 0, 0);
    }

    @Test
    void refusesAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> new PixelDropper(1, 0)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new PixelDropper(Double.NaN, 0)).hasMessageContaining("fraction");
    }
}
