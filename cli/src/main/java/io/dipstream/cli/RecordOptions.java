package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.SizeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How large a Kafka record may be, and where frames past that go instead: the same two settings on
 * every part of a pipeline (ingest, job, sink), so that all of them agree.
 */
final class RecordOptions {
    @Option(
            names = "--record-limit-mib",
            defaultValue = "16",
            description =
                    "largest Kafka record in MiB (1..512), the same on every part of the pipeline;"
                            + " larger frames go out of band through --claim-dir"
                            + " (default: ${DEFAULT-VALUE})")
    int recordLimitMib;

    @Option(
            names = "--claim-dir",
            paramLabel = "DIR",
            description =
                    "directory for frames past --record-limit-mib, which ingest, job and sink all"
                            + " read and write (the embedded restore uses its work directory)")
    Path claimDir;

    /** The limits, with {@code fallback} as the claim directory when none was given. */
    SizeLimits limits(Path fallback) {
        if (recordLimitMib < 1 || recordLimitMib > 512) {
            throw new BadInputException(
                    "--record-limit-mib must be between 1 and 512, got " + recordLimitMib);
        }
        if (claimDir != null && Files.exists(claimDir) && !Files.isDirectory(claimDir)) {
            throw new BadInputException(claimDir + ": --claim-dir is not a directory");
        }
        return new SizeLimits(recordLimitMib << 20)
                .withClaimDir(claimDir != null ? claimDir : fallback);
    }
}
