package io.dipstream.ingest;

import io.dipstream.frames.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The videos a run's inputs name: a file or an image sequence is one video; a directory of images
 * is one video (its frames); a directory of video files is each of those videos, in natural name
 * order (clip2 before clip10).
 *
 * <p>Guarantees: a directory that holds both videos and images, or neither, is refused with a
 * message naming it, before any work; dotfiles (partial outputs, resource forks) are never inputs.
 */
public final class VideoInputs {
    /** File name extensions taken as videos in a directory of inputs. */
    public static final Set<String> VIDEO_EXTENSIONS =
            Set.of(
                    "mp4", "mkv", "mov", "avi", "webm", "m4v", "mpg", "mpeg", "ts", "mts", "m2ts",
                    "wmv", "flv", "ogv", "y4m", "3gp", "mxf", "dv");

    private VideoInputs() {}

    /** Every video of {@code inputs}, in order: directories of videos expanded. */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path in : inputs) {
            out.addAll(Files.isDirectory(in) ? ofDirectory(in) : List.of(in));
        }
        return out;
    }

    private static List<Path> ofDirectory(Path dir) {
        List<Path> videos = new ArrayList<>();
        int images = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!Files.isRegularFile(p) || ImageSequence.fileName(p).startsWith(".")) {
                    continue;
                }
                if (ImageSequence.familyOf(p) >= 0) {
                    images++;
                } else if (VIDEO_EXTENSIONS.contains(extension(p))) {
                    videos.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException(
                    dir + ": cannot list directory (" + e.getMessage() + ")", e);
        }
        if (videos.isEmpty()) {
            // An image sequence, or nothing at all: VideoSource says which.
            return List.of(dir);
        }
        if (images > 0) {
            throw new BadInputException(
                    String.format(
                            Locale.ROOT,
                            "%s: holds %d videos and %d images; give the videos one by one"
                                    + " (-i each) or the images as a pattern (%s/frame%%04d.png)",
                            dir,
                            videos.size(),
                            images,
                            dir));
        }
        videos.sort(Comparator.comparing(ImageSequence::fileName, ImageSequence::compareNatural));
        return videos;
    }

    private static String extension(Path p) {
        String n = ImageSequence.fileName(p);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
