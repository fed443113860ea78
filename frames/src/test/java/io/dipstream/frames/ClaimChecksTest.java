package io.dipstream.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.PixelCodec;
import io.dipstream.frames.proto.Plane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimChecksTest {
    private static final int MIB = 1 << 20;

    @TempDir Path dir;

    private static Envelope frame(int bytes, long index) {
        byte[] pixels = new byte[bytes];
        new Random(index).nextBytes(pixels);
        return Records.frame(
                "s",
                FrameRecord.newBuilder()
                        .setIndex(index)
                        .setRgb(
                                Plane.newBuilder()
                                        .setWidth(bytes / 3)
                                        .setHeight(1)
                                        .setChannels(3)
                                        .setCodec(PixelCodec.RAW)
                                        .setData(ByteString.copyFrom(pixels)))
                        .build());
    }

    private SizeLimits limits() {
        return new SizeLimits(MIB).withClaimDir(dir.resolve("claims"));
    }

    private long files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("claims"))) {
            return s.count();
        }
    }

    @Test
    void aFrameThatFitsGoesAsItIs() throws Exception {
        Envelope e = frame(3000, 1);
        assertThat(ClaimChecks.outgoing(e, limits())).isSameAs(e);
        assertThat(ClaimChecks.resolve(e, limits())).isSameAs(e);
    }

    @Test
    void aLargerFrameGoesOutOfBandAndComesBackTheSame() throws Exception {
        Envelope e = frame(MIB + 30, 7);
        Envelope wire = ClaimChecks.outgoing(e, limits());
        assertThat(wire.hasClaimed()).isTrue();
        assertThat(wire.getSerializedSize()).isLessThan(200);
        assertThat(wire.getClaimed().getFrameIndex()).isEqualTo(7);
        Envelope parsed = Records.parse(wire.toByteArray());
        assertThat(ClaimChecks.resolve(parsed, limits())).isEqualTo(e);
        // Sent again (a retry, a replay): the same claim, one file.
        assertThat(ClaimChecks.outgoing(e, limits())).isEqualTo(wire);
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void withoutAClaimDirectoryALargerFrameIsNamed() {
        assertThatThrownBy(() -> ClaimChecks.outgoing(frame(MIB + 30, 3), new SizeLimits(MIB)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("frame 3 of stream 's' is")
                .hasMessageContaining("over the record limit of 1048576 bytes");
    }

    @Test
    void aClaimThatCannotBeHadIsRejectedSayingWhy() throws Exception {
        Envelope wire = ClaimChecks.outgoing(frame(MIB + 30, 4), limits());
        assertThatThrownBy(() -> ClaimChecks.resolve(wire, new SizeLimits(MIB)))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("this reader has no claim directory");
        Path file = dir.resolve("claims").resolve(wire.getClaimed().getName());
        byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ClaimChecks.resolve(wire, limits()))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("does not hold the bytes its claim check names");
        Files.delete(file);
        assertThatThrownBy(() -> ClaimChecks.resolve(wire, limits()))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("frame 4 of stream 's' was sent out of band to " + file);
    }

    @Test
    void aClaimNamingAPathOutsideItsDirectoryIsRejected() {
        Envelope bad =
                Envelope.newBuilder()
                        .setVersion(Records.VERSION)
                        .setStreamId("s")
                        .setClaimed(
                                io.dipstream.frames.proto.ClaimCheck.newBuilder()
                                        .setName("../../etc/passwd")
                                        .setSize(10))
                        .build();
        assertThatThrownBy(() -> ClaimChecks.resolve(bad, limits()))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("names no claim");
    }
}
