package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.sink.Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each input of a restore run is written: one input to {@code -o} itself; several to {@code
 * -o DIR/}, each under its own name with the extension its codec needs. Checked before any work:
 * the messages name the files.
 */
final class RunOutputs {
    private RunOutputs() {}

    /** The output path of each input, in order. */
    static List<Path> plan(List<Path> inputs, Path output, Codec codec) {
        if (inputs.size() == 1 && !Files.isDirectory(output)) {
            checkNotInput(inputs.get(0), output);
            return List.of(output);
        }
        if (!Files.isDirectory(output)) {
            throw new BadInputException(
                    output
                            + ": with "
                            + inputs.size()
                            + " inputs, -o must be an existing directory for their outputs");
        }
        List<Path> out = new ArrayList<>();
        Map<Path, Path> byOutput = new HashMap<>();
        for (Path in : inputs) {
            Path o = output.resolve(stem(in) + extension(in, codec));
            Path other = byOutput.put(o, in);
            if (other != null) {
                throw new BadInputException(
                        other + " and " + in + " would both be written to " + o + "; rename one");
            }
            checkNotInput(in, o);
            out.add(o);
        }
        return out;
    }

    private static void checkNotInput(Path in, Path out) {
        boolean same = out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize());
        try {
            same |= Files.exists(out) && Files.isSameFile(in, out);
        } catch (java.io.IOException e) {
            // not the same file as far as we can tell
        }
        if (same) {
            throw new BadInputException(in + ": the output would replace its own input");
        }
    }

    private static String stem(Path in) {
        Path name = in.getFileName();
        String n = name == null ? "input" : name.toString();
        int dot = n.lastIndexOf('.');
        String s = dot > 0 ? n.substring(0, dot) : n;
        // An image sequence pattern (frame%04d.png) names its directory better than its files.
        if (s.contains("%") && in.getParent() != null && in.getParent().getFileName() != null) {
            s = in.getParent().getFileName().toString();
        }
        return s;
    }

    private static String extension(Path in, Codec codec) {
        return switch (codec) {
            case H264 -> ".mp4";
            case FFV1 -> ".mkv";
            default -> {
                String n = in.getFileName() == null ? "" : in.getFileName().toString();
                String lower = n.toLowerCase(Locale.ROOT);
                yield lower.endsWith(".mp4") || lower.endsWith(".mov") ? ".mp4" : ".mkv";
            }
        };
    }
}
