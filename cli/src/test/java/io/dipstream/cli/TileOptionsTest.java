package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.frames.tiles.TilePlan;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TileOptionsTest {
    private static TilePlan plan(String... args) {
        TileOptions o = new TileOptions();
        new CommandLine(o).parseArgs(args);
        return o.plan(1);
    }

    @Test
    void theDefaultIsAutomaticWithTheDefaultOverlap() {
        TilePlan p = plan();
        assertThat(p.tileSize()).isEqualTo(TilePlan.AUTO);
        assertThat(p.overlap()).isEqualTo(32);
        assertThat(p.gridFor(320, 240).tiled()).isFalse();
        assertThat(p.gridFor(3840, 2160).tiled()).isTrue();
        assertThat(plan("--tile-size", "0").gridFor(3840, 2160).tiled()).isFalse();
        assertThat(plan("--tile-size", "128", "--tile-overlap", "8").gridFor(320, 240).count())
                .isEqualTo(6);
    }

    @Test
    void badTilesAreRefusedWithExitCode2BeforeAnyWork() {
        for (String[] bad :
                new String[][] {
                    {"--tile-size", "32"},
                    {"--tile-size", "128", "--tile-overlap", "64"},
                    {"--tile-size", "big"},
                    {"--tile-size", "-5"},
                    {"--tile-overlap", "-1"}
                }) {
            String[] args = new String[4 + bad.length];
            args[0] = "restore";
            args[1] = "-i";
            args[2] = "/nonexistent/in.mkv";
            args[3] = "-o=/nonexistent/out.mkv";
            System.arraycopy(bad, 0, args, 4, bad.length);
            CapturedRun r = CapturedRun.of(args);
            assertThat(r.rc()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", bad)).contains("--tile-");
            assertThat(r.err()).doesNotContain("/nonexistent/in.mkv");
        }
    }
}
