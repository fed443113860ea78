package io.dipstream.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import io.dipstream.frames.proto.PixelCodec;
import io.dipstream.frames.proto.Plane;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlaneCodecTest {
    @Test
    void randomPixelsRoundTripExactly() throws Exception {
        byte[] px = new byte[37 * 23 * 3];
        new Random(1).nextBytes(px);
        Plane p = PlaneCodec.encode(px, 37, 23, 3);
        assertThat(p.getCodec()).isEqualTo(PixelCodec.ZSTD_UP);
        assertThat(PlaneCodec.decode(p)).isEqualTo(px);
    }

    @Test
    void smoothImageCompressesAndRoundTrips() throws Exception {
        int w = 320;
        int h = 180;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) x;
                px[i + 1] = (byte) y;
                px[i + 2] = (byte) (x + y);
            }
        }
        Plane p = PlaneCodec.encode(px, w, h, 3);
        assertThat(p.getData().size()).isLessThan(px.length / 20);
        assertThat(PlaneCodec.decode(p)).isEqualTo(px);
    }

    @Test
    void readsTheLeftDifferencePlanesOfEarlierWriters() throws Exception {
        byte[] px = {10, 20, 30, 12, 25, 33, 1, 2, 3, 4, 5, 6};
        byte[] delta = {10, 20, 30, 2, 5, 3, 1, 2, 3, 3, 3, 3};
        Plane p =
                Plane.newBuilder()
                        .setWidth(2)
                        .setHeight(2)
                        .setChannels(3)
                        .setCodec(PixelCodec.ZSTD_DELTA)
                        .setData(ByteString.copyFrom(Zstd.compress(delta)))
                        .build();
        assertThat(PlaneCodec.decode(p)).isEqualTo(px);
    }

    @Test
    void maskPlaneAndRawPlaneRoundTrip() throws Exception {
        byte[] mask = new byte[5 * 4];
        mask[3] = (byte) 255;
        assertThat(PlaneCodec.decode(PlaneCodec.encode(mask, 5, 4, 1))).isEqualTo(mask);
        assertThat(PlaneCodec.decode(PlaneCodec.raw(mask, 5, 4, 1))).isEqualTo(mask);
    }

    @Test
    void refusesWrongSampleCountOnEncode() {
        assertThatThrownBy(() -> PlaneCodec.encode(new byte[10], 2, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected width*height*channels = 12");
    }

    @Test
    void rejectsPlanesThatDoNotMatchTheirShape() {
        Plane good = PlaneCodec.encode(new byte[12], 2, 2, 3);
        Plane lying = good.toBuilder().setWidth(3).build();
        assertThatThrownBy(() -> PlaneCodec.decode(lying))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("expected 18");
        Plane corrupt = good.toBuilder().setData(ByteString.copyFromUtf8("garbage")).build();
        assertThatThrownBy(() -> PlaneCodec.decode(corrupt))
                .isInstanceOf(RejectedRecordException.class);
        Plane shortRaw = PlaneCodec.raw(new byte[12], 2, 2, 3).toBuilder().setHeight(3).build();
        assertThatThrownBy(() -> PlaneCodec.decode(shortRaw))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("raw plane has 12 bytes");
        Plane noCodec = good.toBuilder().setCodec(PixelCodec.PIXEL_CODEC_UNSPECIFIED).build();
        assertThatThrownBy(() -> PlaneCodec.decode(noCodec))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("unknown pixel codec");
    }
}
