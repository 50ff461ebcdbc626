package io.exowatch.ingest.chictr.internal;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.schemas.avro.SecondaryId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Secondary ids from the two id fields of a project page. Every registration id {@link TrialIds}
 * knows becomes a {@link SecondaryId} with its normalised spelling and registry code (an NCT id
 * listed by a ChiCTR record comes out as {@code NCT0...} / {@code CTGOV}: the cross-registry
 * identity). Other words with a digit (ids of registries TrialIds does not know, e.g.
 * {@code ChiMCTR2000003284}) are kept as written, without a registry. Words without a digit
 * ({@code 无}, {@code N/A}, {@code None}) are not ids.
 */
public final class OtherIds {

  private static final Pattern SEPARATORS = Pattern.compile("[;；,，、\\s]+");
  private static final Pattern DIGIT = Pattern.compile("\\d");

  private OtherIds() {
  }

  /**
   * The ids of a field listing registrations elsewhere, split at separators.
   *
   * @param text the field's text, or {@code null}
   * @param type the {@code type} of the ids made
   * @param ownId the record's own id, left out
   */
  public static List<SecondaryId> listed(final String text, final String type, final String ownId) {
    final Map<String, SecondaryId> out = new LinkedHashMap<>();
    if (text == null) {
      return List.of();
    }
    final String[] words = SEPARATORS.split(text.strip());
    for (int i = 0; i < words.length; i++) {
      final String word = words[i];
      Optional<String> id = TrialIds.normalize(word);
      if (id.isEmpty() && i + 1 < words.length) {
        // "NCT 03608631": a registry prefix and its number split by a space.
        id = TrialIds.normalize(word + words[i + 1]);
        if (id.isPresent()) {
          i++;
        }
      }
      if (id.isPresent()) {
        out.putIfAbsent(id.get(), new SecondaryId(id.get(), type, TrialIds.registryOf(id.get())));
      } else if (DIGIT.matcher(word).find() && word.length() >= 4) {
        out.putIfAbsent(word, new SecondaryId(word, type, null));
      }
    }
    out.remove(ownId);
    return new ArrayList<>(out.values());
  }

  /**
   * The sponsor's own study id: the whole text as one id, unless it holds registration ids, which
   * are then read as by {@link #listed}.
   */
  public static List<SecondaryId> single(final String text, final String type, final String ownId) {
    if (text == null || !DIGIT.matcher(text).find()) {
      return List.of();
    }
    if (!TrialIds.find(text).isEmpty()) {
      return listed(text, type, ownId);
    }
    return List.of(new SecondaryId(text.strip(), type, null));
  }
}
