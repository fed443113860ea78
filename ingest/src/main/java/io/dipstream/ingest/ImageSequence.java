package io.dipstream.ingest;

import io.dipstream.frames.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.IllegalFormatException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image sequences for {@link VideoSource}: the files of a directory in natural order (f2 before
 * f10), all of one image family, as an FFmpeg concat list; and the files a printf pattern
 * (frame%04d.png) matches, counted the way FFmpeg's image2 demuxer looks for them.
 */
final class ImageSequence {
    static final List<Set<String>> IMAGE_FAMILIES =
            List.of(Set.of("png"), Set.of("jpg", "jpeg"), Set.of("bmp"), Set.of("tif", "tiff"));

    static final String IMAGE_EXTENSIONS = "png, jpg, jpeg, bmp, tif, tiff";
    static final double DEFAULT_SEQUENCE_FPS = 25.0;
    static final Pattern PRINTF_INDEX = Pattern.compile("%0?\\d*d");

    private ImageSequence() {}

    /**
     * Whether {@code input} names an image sequence: a directory, or a pattern no file is called.
     */
    static boolean isSequence(Path input) {
        return Files.isDirectory(input)
                || (!Files.exists(input) && PRINTF_INDEX.matcher(fileName(input)).find());
    }

    static List<Path> listImages(Path dir) {
        List<Path> images;
        try (Stream<Path> entries = Files.list(dir)) {
            // Dotfiles are skipped: macOS "._frame.png" resource forks and our own partial outputs
            // are not frames.
            images =
                    entries.filter(Files::isRegularFile)
                            .filter(p -> !fileName(p).startsWith("."))
                            .filter(p -> familyOf(p) >= 0)
                            .sorted(
                                    Comparator.comparing(
                                            ImageSequence::fileName, ImageSequence::compareNatural))
                            .toList();
        } catch (IOException e) {
            throw new BadInputException(
                    dir + ": cannot list directory (" + e.getMessage() + ")", e);
        }
        if (images.isEmpty()) {
            throw new BadInputException(
                    dir + ": directory contains no images (" + IMAGE_EXTENSIONS + ")");
        }
        // The concat demuxer decodes the whole list with the first file's decoder.
        Set<String> kinds = new TreeSet<>();
        images.forEach(p -> kinds.add(extension(p)));
        if (images.stream().mapToInt(ImageSequence::familyOf).distinct().count() > 1) {
            throw new BadInputException(
                    dir
                            + ": directory mixes image types "
                            + kinds
                            + "; put one kind of image per sequence");
        }
        return images;
    }

    static Path writeConcatList(Path dir, List<Path> images, double fps) {
        StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
        // Durations give the demuxer consistent timestamps; the frames' own timestamps are derived
        // from the index anyway.
        String duration = String.format(Locale.ROOT, "duration %.9f%n", 1.0 / fps);
        for (Path image : images) {
            // ffconcat quoting: inside '...' a single quote is written as '\''.
            String p = image.toAbsolutePath().toString().replace("'", "'\\''");
            sb.append("file '").append(p).append("'\n").append(duration);
        }
        try {
            Path list = Files.createTempFile("dipstream-sequence-", ".ffconcat");
            Files.writeString(list, sb, StandardCharsets.UTF_8);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image list for " + dir, e);
        }
    }

    /**
     * Mirrors image2's default search: the first index in 0..4 that exists, then consecutive
     * indices. Returns -1 when Java cannot expand the pattern (then FFmpeg has the last word).
     */
    static long countPatternFiles(Path pattern) {
        String name = fileName(pattern);
        Path dir = pattern.toAbsolutePath().getParent();
        try {
            int start = firstIndex(dir, name);
            long count = 0;
            while (Files.exists(dir.resolve(String.format(Locale.ROOT, name, start + count)))) {
                count++;
            }
            return count;
        } catch (IllegalFormatException e) {
            return -1;
        }
    }

    /**
     * Refuses a pattern whose run of consecutive indices stops before the last file it matches:
     * FFmpeg would end the video at the gap and silently drop every image after it.
     *
     * @param count the consecutive files {@link #countPatternFiles} found
     */
    static void checkNoGap(Path pattern, long count) {
        String name = fileName(pattern);
        var m = PRINTF_INDEX.matcher(name);
        if (count <= 0 || !m.find()) {
            return;
        }
        Pattern files =
                Pattern.compile(
                        Pattern.quote(name.substring(0, m.start()))
                                + "(\\d+)"
                                + Pattern.quote(name.substring(m.end())));
        Path dir = pattern.toAbsolutePath().getParent();
        List<Long> indices;
        try (Stream<Path> entries = Files.list(dir)) {
            indices =
                    entries.map(p -> files.matcher(fileName(p)))
                            .filter(java.util.regex.Matcher::matches)
                            .map(x -> x.group(1))
                            .filter(d -> d.length() < 18)
                            .map(Long::parseLong)
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new BadInputException(
                    dir + ": cannot list directory (" + e.getMessage() + ")", e);
        }
        long first = indices.isEmpty() ? 0 : indices.get(0);
        long missing = first + count;
        long after = indices.stream().filter(i -> i > missing).count();
        if (after > 0) {
            throw new BadInputException(
                    String.format(
                            Locale.ROOT,
                            "%s: %s is missing, but %d images follow it: the sequence would end"
                                    + " there (fill the gap, or give the directory to take its"
                                    + " images in name order)",
                            pattern,
                            String.format(Locale.ROOT, name, missing),
                            after));
        }
    }

    /**
     * Refuses a sequence whose images do not all have the first one's size, reading only their
     * headers, so that it is known before any frame is decoded. Images no reader here understands
     * are left to the decoder, which checks every frame's size too.
     */
    static void checkOneSize(List<Path> images) {
        int[] first = null;
        Path firstImage = null;
        for (Path image : images) {
            int[] size = headerSize(image);
            if (size == null) {
                continue;
            }
            if (first == null) {
                first = size;
                firstImage = image;
            } else if (size[0] != first[0] || size[1] != first[1]) {
                throw new BadInputException(
                        String.format(
                                "%s is %dx%d but %s is %dx%d: every image of a sequence must have"
                                        + " one size",
                                image, size[0], size[1], firstImage, first[0], first[1]));
            }
        }
    }

    /** The files {@code pattern} names from its first index on, {@code count} of them. */
    static List<Path> patternFiles(Path pattern, long count) {
        String name = fileName(pattern);
        Path dir = pattern.toAbsolutePath().getParent();
        int start = firstIndex(dir, name);
        List<Path> files = new java.util.ArrayList<>();
        for (long i = 0; i < count; i++) {
            files.add(dir.resolve(String.format(Locale.ROOT, name, start + i)));
        }
        return files;
    }

    /** image2's first index: the first in 0..4 that exists (5 when none does). */
    private static int firstIndex(Path dir, String name) {
        int start = 0;
        while (start < 5 && !Files.exists(dir.resolve(String.format(Locale.ROOT, name, start)))) {
            start++;
        }
        return start;
    }

    private static int[] headerSize(Path image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Damaged headers are the decoder's to report, with the frame they are in.
            return null;
        }
    }

    static int familyOf(Path p) {
        String ext = extension(p);
        for (int i = 0; i < IMAGE_FAMILIES.size(); i++) {
            if (IMAGE_FAMILIES.get(i).contains(ext)) {
                return i;
            }
        }
        return -1;
    }

    static String extension(Path p) {
        String name = fileName(p);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? "" : name.toString();
    }

    /** Orders digit runs by numeric value so unpadded frame numbers stay in sequence. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int cmp =
                        na.length() != nb.length()
                                ? Integer.compare(na.length(), nb.length())
                                : na.compareTo(nb);
                if (cmp != 0) {
                    return cmp;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int rest = Integer.compare(a.length() - i, b.length() - j);
        // Equal under numeric comparison (e.g. "f01" vs "f1"): fall back to plain order for a
        // total, stable result.
        return rest != 0 ? rest : a.compareTo(b);
    }
}
