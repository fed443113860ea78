package io.dipstream.cli;

import io.dipstream.frames.SizeLimits;
import io.dipstream.sink.SinkSpec;
import io.dipstream.sink.StreamSink;
import io.dipstream.sink.VideoWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dipstream sink}: one restored stream from a running Kafka into a video file. */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = "Write a restored stream (topic dip.restored) to a video file.")
final class SinkCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka to read from")
    String bootstrapServers;

    @Option(names = "--stream-id", required = true, description = "the stream to write")
    String streamId;

    @Option(
            names = {"-o", "--output"},
            required = true,
            description = "restored video (.mp4: H.264, .mkv: lossless FFV1)")
    Path output;

    @Option(
            names = {"-y", "--overwrite"},
            description = "replace the output if it exists")
    boolean overwrite;

    @Option(
            names = "--audio-from",
            description = "copy the audio of this file (default: the source named in the stream)")
    Path audioFrom;

    @Option(
            names = "--idle-timeout-s",
            defaultValue = "3600",
            description = "give up when nothing arrives for this long (default: ${DEFAULT-VALUE})")
    long idleTimeoutSeconds;

    @Mixin VideoOutputOptions video = new VideoOutputOptions();

    @Override
    public Integer call() {
        RestoreCommand.checkOutput(output, overwrite);
        VideoWriter.check(output, video.codec());
        SinkSpec spec =
                CliParsing.parse(
                        () ->
                                new SinkSpec(
                                        streamId,
                                        output,
                                        video.codec(),
                                        video.crf,
                                        video.x264Preset,
                                        audioFrom,
                                        Duration.ofSeconds(idleTimeoutSeconds),
                                        SizeLimits.DEFAULT));
        StreamSink.Result r =
                StreamSink.run(bootstrapServers, spec, new StreamSink.Listener() {}, () -> false);
        System.out.println("stream=" + streamId + " frames=" + r.frames() + " output=" + output);
        return 0;
    }
}
