package io.exowatch.ingest.isrctn.internal;

import static io.exowatch.ingest.isrctn.internal.NsElements.attribute;
import static io.exowatch.ingest.isrctn.internal.NsElements.child;
import static io.exowatch.ingest.isrctn.internal.NsElements.children;
import static io.exowatch.ingest.isrctn.internal.NsElements.text;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.schemas.avro.SecondaryId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The other numbers an ISRCTN record lists in {@code externalRefs}: each
 * {@code secondaryNumbers/secondaryNumber} typed by its {@code numberType} ({@code nct},
 * {@code ctis}, {@code iras}, {@code cpms}, "Protocol serial number", a funder's name...), then the
 * single fields {@code eudraCTNumber}, {@code irasNumber} and {@code clinicalTrialsGovNumber} typed
 * by their element names where they add an id not yet listed. {@code protocolSerialNumber} is read
 * (split at commas and semicolons) only when there is no {@code secondaryNumbers} list, which
 * otherwise holds the same numbers one by one. Ids {@link TrialIds} recognises are normalised and get
 * their registry; {@code doi} (the registration's own DOI) is not an id of another registration.
 */
public final class ExternalRefs {

  private static final List<String> SINGLE_FIELDS = List.of("eudraCTNumber", "irasNumber", "clinicalTrialsGovNumber");

  private ExternalRefs() {
  }

  /** The secondary ids of {@code externalRefs} (empty for {@code null}). */
  public static List<SecondaryId> of(final Element externalRefs) {
    final Map<String, SecondaryId> out = new LinkedHashMap<>();
    final List<Element> numbers = children(child(externalRefs, "secondaryNumbers"), "secondaryNumber");
    for (final Element n : numbers) {
      final String raw = text(n);
      if (raw != null) {
        add(out, raw, attribute(n, "canonicalSecondaryNumber"), attribute(n, "numberType"));
      }
    }
    for (final String field : SINGLE_FIELDS) {
      final String raw = text(child(externalRefs, field));
      if (raw != null) {
        add(out, raw, null, field);
      }
    }
    final String protocol = text(child(externalRefs, "protocolSerialNumber"));
    if (numbers.isEmpty() && protocol != null) {
      for (final String part : protocol.split("\\s*[,;]\\s*")) {
        if (!part.isBlank()) {
          add(out, part.strip(), null, "protocolSerialNumber");
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private static void add(final Map<String, SecondaryId> out, final String raw, final String canonical,
      final String type) {
    Optional<String> id = TrialIds.normalize(raw);
    if (id.isEmpty() && canonical != null) {
      id = TrialIds.normalize(canonical);
    }
    final SecondaryId secondary = id.map(n -> new SecondaryId(n, type, TrialIds.registryOf(n)))
        .orElseGet(() -> new SecondaryId(raw, type, null));
    out.putIfAbsent(secondary.getId(), secondary);
  }
}
