package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.dip.NativeRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ParamStoreTest {
    static {
        NativeRuntime.configure();
    }

    @Test
    void slotsAreViewsOfTheFlatArrays() {
        ParamStore s = new ParamStore(DataType.FLOAT);
        ParamStore.Slot a = s.reserve("a", 2, 3);
        ParamStore.Slot b = s.reserve("b", 4);
        s.seal();
        assertThat(s.size()).isEqualTo(10);
        b.value().assign(2);
        a.grad().assign(1);
        assertThat(s.params().sumNumber().doubleValue()).isEqualTo(8.0);
        assertThat(s.grads().sumNumber().doubleValue()).isEqualTo(6.0);
        s.params().assign(5);
        assertThat(a.value().getFloat(1, 2)).isEqualTo(5f);
    }

    @Test
    void cannotReserveAfterSealOrUseBefore() {
        ParamStore s = new ParamStore(DataType.FLOAT);
        ParamStore.Slot a = s.reserve("a", 2);
        assertThatThrownBy(a::value).hasMessageContaining("before seal");
        s.seal();
        assertThatThrownBy(() -> s.reserve("b", 1)).hasMessageContaining("after seal");
    }
}
