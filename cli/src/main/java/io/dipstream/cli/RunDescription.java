package io.dipstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What a restore run was asked to do, key by key, as its work directory records it: a killed run
 * resumes only when asked for the same. The keys are the options as given (their longest names) and
 * each input (its path, size and modification time: a changed file is another input) and output.
 * Options that change how the run is watched or how fast it goes, not what it writes, are left out,
 * so a run resumes with other threads, on another engine (--engine) or without a progress bar.
 */
final class RunDescription {
    private static final Set<String> IGNORED =
            Set.of(
                    "--input",
                    "--output",
                    "--no-progress",
                    "--threads",
                    "--engine",
                    "--fresh",
                    "--overwrite",
                    "--frame-log",
                    "--checkpoint-interval-ms",
                    "--keep-free",
                    "--metrics-port",
                    "--report",
                    "--reference",
                    "--compare-ffmpeg",
                    "--help",
                    "--version");

    private RunDescription() {}

    static Map<String, String> of(ParseResult parsed, List<Path> inputs, List<Path> outputs) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            d.put("input." + i, describe(inputs.get(i)));
            d.put("output." + i, outputs.get(i).toAbsolutePath().normalize().toString());
        }
        for (OptionSpec o : parsed.matchedOptions()) {
            if (!IGNORED.contains(o.longestName())) {
                Object v = o.getValue();
                d.put(o.longestName(), v == null ? "" : v.toString());
            }
        }
        return d;
    }

    private static String describe(Path in) {
        Path abs = in.toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(abs)) {
                return abs
                        + " ("
                        + Files.size(abs)
                        + " bytes, modified "
                        + Files.getLastModifiedTime(abs)
                        + ")";
            }
        } catch (IOException e) {
            // described by its path alone; opening it later says what is wrong
        }
        return abs.toString();
    }
}
