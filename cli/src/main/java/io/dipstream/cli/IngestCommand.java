package io.dipstream.cli;

import io.dipstream.cli.embedded.TopicSetup;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import io.dipstream.ingest.Ingest;
import io.dipstream.ingest.IngestSpec;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dipstream ingest}: one video into the frames topic of a running Kafka. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Decode a video and produce it as a stream to Kafka (topic dip.frames).")
final class IngestCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka to produce to")
    String bootstrapServers;

    @Option(
            names = {"-i", "--input"},
            required = true,
            description = "video, image sequence (dir/frame%%04d.png) or directory of images")
    Path input;

    @Option(names = "--stream-id", description = "id of the stream (default: a new one)")
    String streamId;

    @Mixin StreamOptions stream = new StreamOptions();

    @Mixin TileOptions tiles = new TileOptions();

    @Mixin SegmentOptions segments = new SegmentOptions();

    @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Mixin RecordOptions records = new RecordOptions();

    @Override
    public Integer call() {
        KafkaConnection kafka = kafkaConfig.connect(bootstrapServers);
        String id = streamId != null ? streamId : "stream-" + UUID.randomUUID();
        SizeLimits limits = records.limits(null);
        var settings = stream.settings();
        IngestSpec spec =
                stream.ingestSpec(input, id, settings, limits)
                        .withTiles(tiles.plan(1))
                        .withSegments(segments.plan(settings.getPreRoll()));
        TopicSetup.ensure(kafka, limits, 1, (short) 1);
        long n = Ingest.run(kafka, spec, f -> {});
        System.out.println("stream=" + id + " frames=" + n);
        return 0;
    }
}
