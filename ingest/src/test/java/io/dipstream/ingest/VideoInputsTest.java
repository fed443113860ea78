package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoInputsTest {
    @TempDir Path dir;

    private Path touch(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "x");
    }

    @Test
    void aDirectoryOfVideosIsEachVideoInNaturalOrder() throws IOException {
        Path c10 = touch("clip10.mp4");
        Path c2 = touch("clip2.MKV");
        Path a = touch("a.avi");
        touch(".clip3.mp4.partial.mkv");
        touch("notes.txt");
        Path file = touch("single.mov");
        Files.createDirectory(dir.resolve("sub"));
        Path videos = dir;
        assertThat(VideoInputs.expand(List.of(file, videos)))
                .containsExactly(file, a, c2, c10, file);
    }

    @Test
    void aDirectoryOfImagesStaysOneVideo() throws IOException {
        touch("frame0001.png");
        touch("frame0002.png");
        touch("readme.txt");
        assertThat(VideoInputs.expand(List.of(dir))).containsExactly(dir);
    }

    @Test
    void filesAndPatternsPassUnchanged() {
        Path pattern = dir.resolve("frame%04d.png");
        Path missing = dir.resolve("missing.mp4");
        assertThat(VideoInputs.expand(List.of(pattern, missing))).containsExactly(pattern, missing);
    }

    @Test
    void refusesADirectoryOfBothVideosAndImages() throws IOException {
        touch("clip.mp4");
        touch("frame0001.png");
        assertThatThrownBy(() -> VideoInputs.expand(List.of(dir)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("1 videos and 1 images");
    }
}
