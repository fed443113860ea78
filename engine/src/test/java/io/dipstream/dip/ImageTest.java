package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTest {
    @Test
    void reflectPadThenCropGivesTheImageBack() {
        Image im = TestImages.smooth(5, 7);
        Image padded = im.reflectPad(32, 64);
        assertThat(padded.height()).isEqualTo(32);
        assertThat(padded.get(1, 5, 0)).isEqualTo(im.get(1, 3, 0));
        assertThat(padded.get(2, 0, 7)).isEqualTo(im.get(2, 0, 5));
        assertThat(padded.crop(5, 7).data()).containsExactly(im.data());
    }

    @Test
    void rejectsInconsistentData() {
        assertThatThrownBy(() -> new Image(3, 2, 2, new float[11])).hasMessageContaining("12");
    }

    @Test
    void problemChecksTheTaskInputs() {
        Image im = TestImages.smooth(8, 8);
        assertThatThrownBy(() -> Problem.inpaint(im, TestImages.smooth(8, 8)))
                .hasMessageContaining("1-channel mask");
        assertThatThrownBy(() -> Problem.flash(im, TestImages.smooth(8, 9)))
                .hasMessageContaining("flash image");
        assertThatThrownBy(() -> Problem.superResolve(im, 3)).hasMessageContaining("2, 4 or 8");
        assertThat(Problem.superResolve(im, 8).outputWidth()).isEqualTo(64);
    }

    @Test
    void settingsNameTheBadParameter() {
        DipSettings ok = DipEngineTest.tiny(10, 0.99);
        assertThatThrownBy(() -> ok.withIterations(0)).hasMessageContaining("iterations");
        assertThatThrownBy(
                        () ->
                                new DipSettings(
                                        "x",
                                        ok.net(),
                                        10,
                                        0.01,
                                        0.03,
                                        1.0,
                                        DipSettings.InputKind.NOISE,
                                        true))
                .hasMessageContaining("emaWeight");
    }

    @Test
    void presetsFollowThePaperAndShrink() {
        DipSettings paper = Preset.PAPER.settings(Task.DENOISE, 1);
        assertThat(paper.iterations()).isEqualTo(3000);
        assertThat(paper.regNoise()).isEqualTo(1.0 / 30);
        assertThat(paper.net()).isEqualTo(io.dipstream.dip.nn.SkipConfig.paper());
        assertThat(Preset.PAPER.settings(Task.SUPER_RESOLVE, 8).iterations()).isEqualTo(4000);
        assertThat(Preset.PAPER.settings(Task.FLASH, 1).learningRate()).isEqualTo(0.1);
        assertThat(Preset.FAST.settings(Task.DENOISE, 1).net().down()).containsOnly(16);
        assertThat(Preset.BALANCED.settings(Task.FLASH, 1).net().inputDepth()).isEqualTo(3);
        assertThat(Preset.parse("Balanced")).isEqualTo(Preset.BALANCED);
    }
}
