package io.redframe.jobs;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * When a repeating job runs: {@link #every} fixed interval, or a {@link #cron} expression (the five
 * fields of Unix cron: minute, hour, day of month, month, day of week). Immutable.
 */
public final class Schedule {
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final Duration every;
  private final String cron;
  private final ZoneId zone;
  private final ExecutionTime execution;

  private Schedule(Duration every, String cron, ZoneId zone) {
    this.every = every;
    this.cron = cron;
    this.zone = zone;
    this.execution = cron == null ? null : ExecutionTime.forCron(parse(cron));
  }

  private static com.cronutils.model.Cron parse(String cron) {
    try {
      return UNIX.parse(cron).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Not a cron expression (minute hour day-of-month month day-of-week): '"
              + cron
              + "': "
              + e.getMessage(),
          e);
    }
  }

  /** Every {@code interval} (at least one second), the first run one interval from now. */
  public static Schedule every(Duration interval) {
    if (Objects.requireNonNull(interval, "interval").compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("A schedule's interval must be at least 1 s: " + interval);
    }
    return new Schedule(interval, null, null);
  }

  /**
   * At the times a Unix cron expression names, such as {@code "0 3 * * *"} (03:00 every day), in
   * UTC.
   *
   * @throws IllegalArgumentException naming the expression if it does not parse
   */
  public static Schedule cron(String expression) {
    return cron(expression, ZoneOffset.UTC);
  }

  /** As {@link #cron(String)}, in time zone {@code zone}. */
  public static Schedule cron(String expression, ZoneId zone) {
    return new Schedule(
        null, Objects.requireNonNull(expression, "expression"), Objects.requireNonNull(zone));
  }

  /** The first run time after {@code after}. */
  public Instant next(Instant after) {
    if (every != null) {
      return after.plus(every);
    }
    return execution
        .nextExecution(after.atZone(zone))
        .map(time -> time.toInstant())
        .orElseThrow(() -> new IllegalStateException("Cron '" + cron + "' never runs again"));
  }

  Map<String, Object> toJson() {
    return every != null
        ? Map.of("everyMs", every.toMillis())
        : Map.of("cron", cron, "zone", zone.getId());
  }

  static Schedule fromJson(com.fasterxml.jackson.databind.JsonNode node) {
    return node.has("everyMs")
        ? every(Duration.ofMillis(node.get("everyMs").asLong()))
        : cron(node.path("cron").asText(), ZoneId.of(node.path("zone").asText("UTC")));
  }

  @Override
  public String toString() {
    return every != null ? "every " + every : "cron '" + cron + "' " + zone;
  }
}
