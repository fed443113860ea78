package io.dipstream.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupAndQuotes() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void theCapShowsAsAtLeast() {
        assertThat(Html.db(FrameMetrics.PSNR_CAP_DB)).isEqualTo("≥ 100.00");
        assertThat(Html.db(31.234)).isEqualTo("31.23");
        assertThat(Html.db(Double.NaN)).isEqualTo("–");
    }

    @Test
    void imagesAreDataUris() {
        assertThat(Html.image(new byte[] {1, 2, 3}, "a \"b\""))
                .isEqualTo("<img alt=\"a &quot;b&quot;\" src=\"data:image/png;base64,AQID\">");
    }
}
