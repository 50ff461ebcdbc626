package io.exowatch.ingest.ictrp;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test exports under {@code src/test/resources/ictrp} and rows read from them. */
final class IctrpFiles {

  private IctrpFiles() {
  }

  /** A test export as a file. */
  static Path path(final String name) {
    final URL url = IctrpFiles.class.getResource("/ictrp/" + name);
    if (url == null) {
      throw new IllegalArgumentException("No test export ictrp/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (final URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record of a test export. */
  static List<IctrpLine> lines(final String name) {
    try (IctrpCsvReader reader = IctrpCsvReader.open(path(name))) {
      return drain(reader);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    } catch (final IctrpFormatException e) {
      throw new AssertionError(e);
    }
  }

  /** Every record of CSV text. */
  static List<IctrpLine> linesOf(final String csv) throws IctrpFormatException {
    try (IctrpCsvReader reader = IctrpCsvReader.open(new StringReader(csv))) {
      return drain(reader);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a test export by their {@code TrialID} cell. */
  static Map<String, IctrpRow> rowsById(final String name) {
    final Map<String, IctrpRow> rows = new LinkedHashMap<>();
    for (final IctrpLine line : lines(name)) {
      if (line instanceof IctrpRow row) {
        rows.put(row.get(IctrpColumn.TRIAL_ID), row);
      }
    }
    return rows;
  }

  private static List<IctrpLine> drain(final IctrpCsvReader reader) throws IOException {
    final List<IctrpLine> out = new ArrayList<>();
    IctrpLine line;
    while ((line = reader.next()) != null) {
      out.add(line);
    }
    return out;
  }
}
