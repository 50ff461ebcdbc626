package io.exowatch.ingest.ictrp;

/**
 * One record of an ICTRP export as the reader returns it: a readable {@link IctrpRow}, or an
 * {@link IctrpBadRow} that cannot be mapped (broken CSV, wrong number of cells).
 */
public sealed interface IctrpLine permits IctrpRow, IctrpBadRow {

  /**
   * The record's number: 1 for the first record after the header row. Blank lines are not counted;
   * a record whose quoted cells hold line breaks spans several lines but is one record.
   */
  long number();

  /** The header line and this record's cells as a CSV line: the original content, for payloads and dead letters. */
  String toCsv();
}
