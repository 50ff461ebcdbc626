package io.exowatch.ingest.ictrp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an ICTRP CSV export one record at a time, never the whole file: the first non-blank record is
 * the {@link IctrpHeader}, each later one an {@link IctrpRow}, or an {@link IctrpBadRow} when it is not
 * valid CSV (a quote in the middle of a cell, a quote never closed) or has more or fewer cells than the
 * header (a header ending in a comma has an unnamed last column, so rows that all end in one still fit). After a bad record the reader goes on with the next one where the CSV allows it. Cells may be
 * quoted and hold commas, doubled quotes and line breaks; lines may end in LF or CRLF; blank lines are
 * skipped; a UTF-8 byte-order mark is dropped. Files are read as UTF-8, undecodable bytes becoming U+FFFD.
 * Not thread-safe.
 */
public final class IctrpCsvReader implements AutoCloseable {

  /** Syntax errors in a row after which the reader gives up on the rest of the file. */
  private static final int MAX_ERRORS_PER_RECORD = 50;
  private static final CsvFactory FACTORY = new CsvFactory();

  private final CsvParser parser;
  private final IctrpHeader header;
  private final List<String> cells = new ArrayList<>();
  private String error;
  private boolean ended;
  private long number;

  private IctrpCsvReader(final CsvParser parser) throws IOException, IctrpFormatException {
    this.parser = parser;
    this.header = readHeader();
  }

  /**
   * A reader of {@code reader}, which it closes; the header is read at once.
   *
   * @throws IctrpFormatException when the first record has no {@code TrialID} column, is not valid CSV,
   *     or the input is empty
   * @throws IOException when the input cannot be read
   */
  public static IctrpCsvReader open(final Reader reader) throws IOException, IctrpFormatException {
    final CsvParser parser = FACTORY.createParser(Objects.requireNonNull(reader, "reader"));
    parser.setSchema(CsvSchema.emptySchema().withoutHeader());
    try {
      return new IctrpCsvReader(parser);
    } catch (IOException | IctrpFormatException | RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  /** A reader of a UTF-8 file (undecodable bytes become U+FFFD); see {@link #open(Reader)}. */
  public static IctrpCsvReader open(final Path file) throws IOException, IctrpFormatException {
    final Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    try {
      return open(reader);
    } catch (IOException | IctrpFormatException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** The export's header. */
  public IctrpHeader header() {
    return header;
  }

  /**
   * The next record, or {@code null} at the end of the input.
   *
   * @throws IOException when the input cannot be read (not for bad CSV, which gives an {@link IctrpBadRow})
   */
  public IctrpLine next() throws IOException {
    while (readRecord()) {
      if (error == null && allBlank(cells, 0)) {
        continue;
      }
      number++;
      if (error != null) {
        return new IctrpBadRow(number, "not valid CSV: " + error, header, cells);
      }
      if (cells.size() != header.size()) {
        // Even extra empty cells: a row shifted by an unquoted comma often ends in an empty cell.
        return new IctrpBadRow(number, "has " + cells.size() + " cells but the header has " + header.size()
            + " (an unquoted comma, quote or line break in a cell?)", header, cells);
      }
      return new IctrpRow(number, header, cells);
    }
    return null;
  }

  /** Records returned so far (rows and bad rows). */
  public long recordsRead() {
    return number;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private IctrpHeader readHeader() throws IOException, IctrpFormatException {
    while (readRecord()) {
      if (error != null) {
        throw new IctrpFormatException("Not a WHO ICTRP export: the first row is not valid CSV: " + error);
      }
      if (!allBlank(cells, 0)) {
        return IctrpHeader.of(cells);
      }
    }
    throw new IctrpFormatException("Not a WHO ICTRP export: the file is empty (no 'TrialID' header row)");
  }

  /** Reads the next CSV record into {@link #cells} and {@link #error}; false at the end of the input. */
  private boolean readRecord() throws IOException {
    cells.clear();
    error = null;
    if (ended) {
      return false;
    }
    boolean started = false;
    int errors = 0;
    while (true) {
      final JsonToken token;
      try {
        token = parser.nextToken();
      } catch (final JsonProcessingException e) {
        if (error == null) {
          error = describe(e);
        }
        started = true;
        if (++errors > MAX_ERRORS_PER_RECORD) {
          ended = true;
          return true;
        }
        continue;
      }
      if (token == null) {
        ended = true;
        return started;
      }
      if (token == JsonToken.START_ARRAY) {
        started = true;
      } else if (token == JsonToken.END_ARRAY) {
        return true;
      } else {
        cells.add(parser.getText());
      }
    }
  }

  private static String describe(final JsonProcessingException e) {
    final JsonLocation at = e.getLocation();
    final String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    final String what = e.getOriginalMessage();
    final String hint = what != null && what.startsWith("Missing closing quote")
        ? " (a quote opened in this row is never closed: the rest of the file is inside it)" : "";
    return what + where + hint;
  }

  private static boolean allBlank(final List<String> cells, final int from) {
    for (int i = from; i < cells.size(); i++) {
      if (!cells.get(i).isBlank()) {
        return false;
      }
    }
    return true;
  }
}
