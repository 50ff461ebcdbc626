package io.exowatch.ingest.ictrp;

import io.exowatch.common.ids.TrialIds;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The header row of an ICTRP export: which position holds which {@link IctrpColumn}. Columns are found
 * by name, so their order, extra columns and missing ones do not matter; only {@link IctrpColumn#TRIAL_ID}
 * is required. Where a name appears twice the first one counts. Immutable.
 */
public final class IctrpHeader {

  private static final int SHOWN_NAMES = 8;

  private final List<String> names;
  private final Map<IctrpColumn, Integer> positions;

  private IctrpHeader(final List<String> names, final Map<IctrpColumn, Integer> positions) {
    this.names = names;
    this.positions = positions;
  }

  /**
   * The header of these column names.
   *
   * @param names the cells of the file's first row
   * @return the header
   * @throws IctrpFormatException when no cell names the {@code TrialID} column; the message shows the
   *     first cells found and says so when they look like a data row (the weekly full export has no header)
   */
  public static IctrpHeader of(final List<String> names) throws IctrpFormatException {
    final List<String> copy = names.stream().map(n -> n == null ? "" : n.replace("\uFEFF", "").strip()).toList();
    final Map<IctrpColumn, Integer> positions = new EnumMap<>(IctrpColumn.class);
    for (int i = 0; i < copy.size(); i++) {
      final int at = i;
      IctrpColumn.forHeader(copy.get(i)).ifPresent(c -> positions.putIfAbsent(c, at));
    }
    if (!positions.containsKey(IctrpColumn.TRIAL_ID)) {
      throw new IctrpFormatException(missingTrialId(copy));
    }
    return new IctrpHeader(copy, Map.copyOf(positions));
  }

  private static String missingTrialId(final List<String> names) {
    final String shown = names.stream().limit(SHOWN_NAMES).map(n -> "'" + abbreviate(n) + "'")
        .collect(Collectors.joining(", ")) + (names.size() > SHOWN_NAMES ? ", ..." : "");
    final StringBuilder b = new StringBuilder("Not a WHO ICTRP export: the first row has no 'TrialID' column (found ")
        .append(names.size()).append(names.size() == 1 ? " column: " : " columns: ").append(shown).append(')');
    if (!names.isEmpty() && TrialIds.normalize(names.get(0)).isPresent()) {
      b.append("; it looks like a data row: the weekly full export has no header row, put the column names"
          + " of its data-fields file on the first line");
    }
    return b.toString();
  }

  private static String abbreviate(final String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The column names as found (stripped, without a byte-order mark). */
  public List<String> names() {
    return names;
  }

  /** How many columns the header has. */
  public int size() {
    return names.size();
  }

  /** Whether the export has this column. */
  public boolean has(final IctrpColumn column) {
    return positions.containsKey(column);
  }

  /** The position of a column, or -1 when the export lacks it. */
  public int indexOf(final IctrpColumn column) {
    return positions.getOrDefault(column, -1);
  }

  @Override
  public String toString() {
    return "IctrpHeader" + Arrays.toString(names.toArray());
  }
}
