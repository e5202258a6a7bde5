package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameRefTest {
  private static final String ID = "0123456789abcdef0123456789abcdef";

  @Test
  void parsesBothFormsAndNamesWithAtAndHash() {
    assertThat(FrameRef.parse("weather@3")).isEqualTo(new FrameRef("weather", 3, ""));
    assertThat(FrameRef.parse("weather@3#" + ID)).isEqualTo(new FrameRef("weather", 3, ID));
    assertThat(FrameRef.parse("a@b#c@12#" + ID)).isEqualTo(new FrameRef("a@b#c", 12, ID));
    assertThat(new FrameRef("x@y", 2, ID).durable()).isEqualTo("x@y@2#" + ID);
    assertThat(FrameRef.parse(new FrameRef("x@y", 2, ID).durable()))
        .isEqualTo(new FrameRef("x@y", 2, ID));
    assertThat(new FrameRef("w", 4, "")).hasToString("w@4");
  }

  @Test
  void refusesWhatIsNotAReference() {
    for (String bad : new String[] {"weather", "@3", "w@", "w@x", "w@0", "w@3#nothex"}) {
      assertThatThrownBy(() -> FrameRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
