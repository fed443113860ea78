package io.dipstream.cli;

import io.dipstream.dip.NativeRuntime;
import io.dipstream.frames.BadInputException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dipstream} command: subcommands, and exit code 2 with one line for bad input. */
@Command(
        name = "dipstream",
        mixinStandardHelpOptions = true,
        version = "dipstream 0.1.0",
        description = "Deep Image Prior restoration of images and video streams.",
        subcommands = {
            RestoreCommand.class,
            IngestCommand.class,
            SinkCommand.class,
            JobCommand.class,
            ImageCommand.class,
            ReportCommand.class,
            BenchIterationCommand.class
        })
public final class Main {
    /** Exit code for input the user must fix. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        // JavaCPP and FFmpeg only: ND4J starts once the command has chosen its backend (--engine).
        NativeRuntime.configureNatives();
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(
                (ex, cmd, parsed) -> {
                    if (ex instanceof BadInputException) {
                        cmd.getErr().println("dipstream: " + ex.getMessage());
                        cmd.getErr().flush();
                        return BAD_INPUT;
                    }
                    // Failures of the pipeline (broker, job, sink) are reported, not dumped.
                    LoggerFactory.getLogger(Main.class).debug("command failed", ex);
                    cmd.getErr().println("dipstream: " + ex.getMessage());
                    cmd.getErr().flush();
                    return 1;
                });
        return cl.execute(args);
    }
}
