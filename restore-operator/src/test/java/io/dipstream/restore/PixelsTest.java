package io.dipstream.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Keeping the known pixels takes only the masked ones from the network. */
class PixelsTest {
    @Test
    void keepKnownTakesOnlyMaskedPixelsFromTheRestoredFrame() {
        byte[] restored = {10, 11, 12, 20, 21, 22, 30, 31, 32};
        byte[] input = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        byte[] mask = {0, (byte) 255, 127};
        assertThat(Pixels.keepKnown(restored, input, mask))
                .containsExactly(1, 2, 3, 20, 21, 22, 7, 8, 9);
        assertThat(restored[0]).as("the restored frame is not changed").isEqualTo((byte) 10);
    }

    @Test
    void framesOfDifferentSizesAreRefused() {
        assertThatThrownBy(() -> Pixels.keepKnown(new byte[6], new byte[6], new byte[3]))
                .hasMessageContaining("sizes differ");
    }
}
