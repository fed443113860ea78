package io.dipstream.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterSweepTest {
    @Test
    void defaultsSweepThreeStrengthsOfFiveDenoisers() {
        List<FilterSetting> s = FilterSweep.defaults().settings();
        assertThat(s).hasSize(15);
        assertThat(s.stream().map(FilterSetting::filter).distinct())
                .containsExactly("hqdn3d", "nlmeans", "atadenoise", "fftdnoiz", "bm3d");
        assertThat(s)
                .extracting(FilterSetting::label)
                .contains(
                        "hqdn3d=luma_spatial=25:chroma_spatial=18.75:luma_tmp=37.5:chroma_tmp=28.125",
                        "nlmeans=s=10",
                        "bm3d=sigma=25:group=8:range=9:thmse=156250");
    }

    @Test
    void aSettingIsOneFilterBetweenFormatConversions() {
        assertThat(new FilterSetting("nlmeans", "s=20").graph())
                .isEqualTo("format=yuv444p,nlmeans=s=20,format=rgb24");
        assertThat(new FilterSetting("null", "").label()).isEqualTo("null");
    }

    @Test
    void aSettingCannotSmuggleInAnotherFilter() {
        assertThatThrownBy(() -> new FilterSetting("nlmeans", "s=20,drawtext=text=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("options of nlmeans");
        assertThatThrownBy(() -> new FilterSetting("Nl means", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter must be");
        assertThatThrownBy(() -> new FilterSweep(List.of()))
                .hasMessageContaining("settings must name");
    }
}
