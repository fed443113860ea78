package io.dipstream.frames.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TilePlanTest {
    @Test
    void aStreamAloneKeepsItsKeyUnlessCutAndAStreamWithASlotIsKeyedBySlot() {
        TileGrid whole = TilePlan.NONE.gridFor(320, 240);
        assertThat(TilePlan.NONE.keyedBySlot(whole)).isFalse();
        assertThat(TilePlan.NONE.withFirstSlot(3).keyedBySlot(whole)).isTrue();
        TilePlan cut = new TilePlan(128, 16, 1, -1);
        assertThat(cut.keyedBySlot(cut.gridFor(320, 240))).isTrue();
        assertThat(cut.keyedBySlot(cut.gridFor(100, 100))).isFalse();
    }

    @Test
    void theAutomaticPlanKeepsTheUsersOverlapAndBadPlansAreRefused() {
        TilePlan auto = new TilePlan(TilePlan.AUTO, 40, 4, -1);
        TileGrid g = auto.gridFor(640, 480);
        assertThat(g.count()).isGreaterThanOrEqualTo(4);
        assertThat(g.overlap()).isEqualTo(40);
        assertThatThrownBy(() -> new TilePlan(TilePlan.AUTO, -2, 1, -1))
                .hasMessageContaining("--tile-overlap");
        assertThatThrownBy(() -> new TilePlan(0, 0, 0, -1)).hasMessageContaining("workers");
        assertThatThrownBy(() -> new TilePlan(0, 0, 1, -2)).hasMessageContaining("firstSlot");
    }
}
