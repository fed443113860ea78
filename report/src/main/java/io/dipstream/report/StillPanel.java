package io.dipstream.report;

import io.dipstream.ingest.DecodedFrame;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The still as one PNG: input | restored | reference side by side, each labelled, all at the
 * restored frame's size. A smaller (super-resolution) input is enlarged with nearest-neighbour
 * scaling so its real pixels show. Frames narrower than {@value #MIN_PANEL_WIDTH} pixels are
 * enlarged likewise by an integer factor to be visible; frames wider than {@value #MAX_PANEL_WIDTH}
 * pixels are shrunk to keep the report's size reasonable.
 */
final class StillPanel {
    static final int MIN_PANEL_WIDTH = 240;
    static final int MAX_PANEL_WIDTH = 1280;
    private static final int GAP = 8;
    private static final int LABEL_HEIGHT = 24;

    private StillPanel() {}

    static byte[] png(Still still) {
        List<DecodedFrame> frames = new ArrayList<>(List.of(still.input(), still.restored()));
        List<String> labels = new ArrayList<>(List.of("input", "restored"));
        if (still.reference() != null) {
            frames.add(still.reference());
            labels.add("reference");
        }
        DecodedFrame restored = still.restored();
        double scale = displayScale(restored.width());
        int w = (int) Math.round(restored.width() * scale);
        int h = (int) Math.round(restored.height() * scale);
        int total = frames.size() * w + (frames.size() - 1) * GAP;
        BufferedImage panel =
                new BufferedImage(total, h + LABEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = panel.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, panel.getWidth(), panel.getHeight());
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            for (int i = 0; i < frames.size(); i++) {
                DecodedFrame f = frames.get(i);
                int x = i * (w + GAP);
                g.setRenderingHint(
                        RenderingHints.KEY_INTERPOLATION,
                        f.width() <= w
                                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image(f), x, LABEL_HEIGHT, w, h, null);
                g.setColor(Color.BLACK);
                g.drawString(labels.get(i) + " · frame " + still.index(), x + 4, LABEL_HEIGHT - 7);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(panel, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the still", e);
        }
        return png.toByteArray();
    }

    static double displayScale(int width) {
        if (width > MAX_PANEL_WIDTH) {
            return (double) MAX_PANEL_WIDTH / width;
        }
        return width < MIN_PANEL_WIDTH ? Math.ceil((double) MIN_PANEL_WIDTH / width) : 1.0;
    }

    private static BufferedImage image(DecodedFrame f) {
        byte[] rgb = f.rgb();
        int[] pixels = new int[f.width() * f.height()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] =
                    (rgb[3 * i] & 0xff) << 16
                            | (rgb[3 * i + 1] & 0xff) << 8
                            | rgb[3 * i + 2] & 0xff;
        }
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, f.width(), f.height(), pixels, 0, f.width());
        return img;
    }
}
