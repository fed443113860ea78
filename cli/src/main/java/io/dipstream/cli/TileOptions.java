package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.tiles.TileGrid;
import io.dipstream.frames.tiles.TilePlan;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How frames are cut into tiles, each restored as its own key (its own weights and worker). */
final class TileOptions {
    @Option(
            names = "--tile-size",
            defaultValue = "auto",
            description =
                    "cut frames into overlapping square tiles of this side, each its own stream"
                            + " with its own warm-started weights (parallel over workers); 0 = no"
                            + " tiles; auto = whole frames up to 640x480 on one worker, else tiles"
                            + " of at most 512 px, at least one per worker (default: ${DEFAULT-VALUE})")
    String tileSize;

    @Option(
            names = "--tile-overlap",
            defaultValue = "" + TileGrid.DEFAULT_OVERLAP,
            description =
                    "pixels neighbouring tiles share, blended with feathered weights"
                            + " (default: ${DEFAULT-VALUE})")
    int tileOverlap;

    /** The plan for a run with {@code workers} workers; bad values are bad input. */
    TilePlan plan(int workers) {
        int size;
        if ("auto".equals(tileSize.toLowerCase(Locale.ROOT))) {
            size = TilePlan.AUTO;
        } else {
            try {
                size = Integer.parseInt(tileSize);
            } catch (NumberFormatException e) {
                throw new BadInputException(
                        "--tile-size must be auto or a number of pixels, got '" + tileSize + "'");
            }
            if (size < 0) {
                throw new BadInputException("--tile-size must be >= 0, got " + size);
            }
        }
        int s = size;
        return CliParsing.parse(() -> new TilePlan(s, tileOverlap, workers, -1));
    }
}
