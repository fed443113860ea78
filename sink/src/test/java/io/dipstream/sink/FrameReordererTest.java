package io.dipstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameReordererTest {
    @Test
    void handsOutFramesInIndexOrderOnlyWhenThereIsNoGap() {
        FrameReorderer<String> r = new FrameReorderer<>();
        assertThat(r.offer(2, "c")).isTrue();
        assertThat(r.offer(1, "b")).isTrue();
        assertThat(r.drain()).isEmpty();
        assertThat(r.waiting()).isEqualTo(2);
        assertThat(r.offer(0, "a")).isTrue();
        assertThat(r.drain()).containsExactly("a", "b", "c");
        assertThat(r.next()).isEqualTo(3);
        assertThat(r.offer(4, "e")).isTrue();
        assertThat(r.drain()).isEmpty();
        assertThat(r.offer(3, "d")).isTrue();
        assertThat(r.drain()).containsExactly("d", "e");
    }

    @Test
    void refusesDuplicatesBeforeAndAfterTheyAreWritten() {
        FrameReorderer<String> r = new FrameReorderer<>();
        r.offer(0, "a");
        r.offer(2, "c");
        assertThat(r.offer(2, "c again")).isFalse();
        assertThat(r.drain()).containsExactly("a");
        assertThat(r.offer(0, "a again")).isFalse();
        assertThat(r.offer(1, "b")).isTrue();
        assertThat(r.drain()).containsExactly("b", "c");
    }

    @Test
    void findsTheFirstMissingFrame() {
        FrameReorderer<String> r = new FrameReorderer<>();
        r.offer(0, "a");
        r.offer(1, "b");
        r.offer(3, "d");
        assertThat(r.firstMissing(4)).isEqualTo(2);
        r.drain();
        assertThat(r.firstMissing(2)).isEqualTo(-1);
        r.offer(2, "c");
        assertThat(r.firstMissing(4)).isEqualTo(-1);
        assertThat(r.firstMissing(5)).isEqualTo(4);
    }
}
