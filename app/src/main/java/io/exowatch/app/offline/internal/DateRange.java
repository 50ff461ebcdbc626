package io.exowatch.app.offline.internal;

import java.time.LocalDate;

/**
 * An inclusive date range; a {@code null} bound is open.
 *
 * @param from the first date included, or {@code null}
 * @param to the last date included, or {@code null}
 */
public record DateRange(LocalDate from, LocalDate to) {

  /** Whether {@code date} is inside; a {@code null} date is inside only an unbounded range. */
  public boolean contains(final LocalDate date) {
    if (date == null) {
      return from == null && to == null;
    }
    return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
  }
}
