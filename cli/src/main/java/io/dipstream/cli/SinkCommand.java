package io.dipstream.cli;

import io.dipstream.frames.KafkaConnection;
import io.dipstream.sink.SinkSpec;
import io.dipstream.sink.StreamSink;
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
            names = "--audio-from",
            description = "copy the audio of this file (default: the source named in the stream)")
    Path audioFrom;

    @Option(
            names = "--idle-timeout-s",
            defaultValue = "3600",
            description = "give up when nothing arrives for this long (default: ${DEFAULT-VALUE})")
    long idleTimeoutSeconds;

    @Mixin VideoOutputOptions video = new VideoOutputOptions();

    @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Mixin RecordOptions records = new RecordOptions();

    @Override
    public Integer call() {
        video.check();
        KafkaConnection kafka = kafkaConfig.connect(bootstrapServers);
        SinkSpec spec =
                CliParsing.parse(
                        () ->
                                new SinkSpec(
                                        streamId,
                                        video.output,
                                        video.codec(),
                                        video.crf,
                                        video.x264Preset,
                                        audioFrom,
                                        Duration.ofSeconds(idleTimeoutSeconds),
                                        records.limits(null)));
        StreamSink.Result r =
                StreamSink.run(kafka, spec, new StreamSink.Listener() {}, () -> false);
        System.out.println(
                "stream=" + streamId + " frames=" + r.frames() + " output=" + video.output);
        return 0;
    }
}
