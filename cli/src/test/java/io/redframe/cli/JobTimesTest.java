package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class JobTimesTest {
  @Test
  void durationsInEveryAcceptedForm() {
    assertThat(JobTimes.duration("0")).isZero();
    assertThat(JobTimes.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(JobTimes.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(JobTimes.duration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(JobTimes.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(JobTimes.duration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(JobTimes.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(JobTimes.duration("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
    assertThat(JobTimes.duration("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    assertThat(JobTimes.duration(" pt5s ")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aBadDurationNamesItselfAndTheAcceptedForms() {
    for (String bad : new String[] {"", "10", "10x", "1.5s", "-5s", "PT-5S", "s", "1h 30m"}) {
      assertThatThrownBy(() -> JobTimes.duration(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("250ms, 30s, 10m, 2h, 7d, 1h30m or PT1H30M");
    }
    assertThatThrownBy(() -> JobTimes.duration("9999999999999d"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timesWithAndWithoutAnOffset() {
    assertThat(JobTimes.time("2026-12-01T03:00:00Z"))
        .isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
    assertThat(JobTimes.time("2026-12-01T04:00+01:00"))
        .isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
    assertThat(JobTimes.time("2026-12-01T03:00"))
        .isEqualTo(LocalDateTime.of(2026, 12, 1, 3, 0).atZone(ZoneId.systemDefault()).toInstant());
    assertThatThrownBy(() -> JobTimes.time("tomorrow"))
        .hasMessage(
            "'tomorrow' is not a time such as 2026-12-01T03:00:00Z, 2026-12-01T04:00+01:00 or"
                + " 2026-12-01T03:00 (local time)");
  }

  @Test
  void humanDurations() {
    assertThat(JobTimes.human(Duration.ofMillis(850))).isEqualTo("850 ms");
    assertThat(JobTimes.human(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
    assertThat(JobTimes.human(Duration.ofSeconds(60))).isEqualTo("1 min");
    assertThat(JobTimes.human(Duration.ofSeconds(245))).isEqualTo("4 min 5 s");
    assertThat(JobTimes.human(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
    assertThat(JobTimes.human(Duration.ofHours(52))).isEqualTo("2 d 4 h");
  }
}
