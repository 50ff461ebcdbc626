package io.exowatch.app.offline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reading and stamping ClinicalTrials.gov v2 study JSON: the NCT id and last-update date the store
 * indexes by, and the date structs a registry would set when a study is posted or updated.
 */
public final class StudyDocuments {

  /** The shape of an NCT id. */
  public static final Pattern NCT_ID = Pattern.compile("NCT\\d{8}");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StudyDocuments() {
  }

  /**
   * Parses one study object.
   *
   * @throws IllegalArgumentException when the text is not a JSON object with a valid
   *     {@code protocolSection.identificationModule.nctId}
   */
  public static ObjectNode parse(final String json) {
    final JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("Study is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("Study must be a JSON object but was "
          + (node == null ? "empty" : node.getNodeType()));
    }
    nctId(node);
    return (ObjectNode) node;
  }

  /**
   * The study's {@code protocolSection.identificationModule.nctId}.
   *
   * @throws IllegalArgumentException when it is missing or not {@code NCT} and 8 digits
   */
  public static String nctId(final JsonNode study) {
    final JsonNode id = study.path("protocolSection").path("identificationModule").path("nctId");
    if (!id.isTextual() || !NCT_ID.matcher(id.asText()).matches()) {
      throw new IllegalArgumentException("protocolSection.identificationModule.nctId must be NCT and 8 digits but was "
          + (id.isMissingNode() ? "missing" : id.toString()));
    }
    return id.asText();
  }

  /**
   * The study's {@code lastUpdatePostDateStruct.date} ({@code yyyy-MM-dd}, or {@code yyyy-MM} read as
   * the first of the month), or {@code null} when absent.
   *
   * @throws IllegalArgumentException when present but not a date
   */
  public static LocalDate lastUpdatePostDate(final JsonNode study) {
    final JsonNode date = statusModule(study).path("lastUpdatePostDateStruct").path("date");
    if (date.isMissingNode() || date.isNull()) {
      return null;
    }
    final String text = date.asText();
    try {
      return text.length() == 7 ? LocalDate.parse(text + "-01") : LocalDate.parse(text);
    } catch (final DateTimeParseException e) {
      throw new IllegalArgumentException("protocolSection.statusModule.lastUpdatePostDateStruct.date is not a date: '"
          + text + "'", e);
    }
  }

  /**
   * Stamps the study as posted or updated on {@code date}: {@code lastUpdatePostDateStruct}
   * ({@code ACTUAL}) and {@code lastUpdateSubmitDate}, and {@code studyFirstPostDateStruct} and
   * {@code studyFirstSubmitDate} when absent.
   */
  public static void stampPosted(final ObjectNode study, final LocalDate date) {
    final ObjectNode status = study.with("protocolSection").with("statusModule");
    final ObjectNode last = status.putObject("lastUpdatePostDateStruct");
    last.put("date", date.toString());
    last.put("type", "ACTUAL");
    status.put("lastUpdateSubmitDate", date.toString());
    if (!status.has("studyFirstPostDateStruct")) {
      final ObjectNode first = status.putObject("studyFirstPostDateStruct");
      first.put("date", date.toString());
      first.put("type", "ACTUAL");
    }
    if (!status.has("studyFirstSubmitDate")) {
      status.put("studyFirstSubmitDate", date.toString());
    }
  }

  /** Compact UTF-8 JSON of {@code study}. */
  public static byte[] toBytes(final JsonNode study) {
    try {
      return MAPPER.writeValueAsBytes(study);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("Could not write a study as JSON", e);
    }
  }

  /** The stored study's JSON, parsed (generated studies are generated). */
  public static ObjectNode read(final StoredStudy study) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      study.writeTo(out);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(out.toString(StandardCharsets.UTF_8));
  }

  /** A {@link StoredStudy.Json} of {@code study}, whose date must be set. */
  public static StoredStudy.Json toStored(final ObjectNode study) {
    final LocalDate date = lastUpdatePostDate(study);
    if (date == null) {
      throw new IllegalArgumentException("Study " + nctId(study)
          + " has no protocolSection.statusModule.lastUpdatePostDateStruct.date");
    }
    return new StoredStudy.Json(nctId(study), date, toBytes(study));
  }

  private static JsonNode statusModule(final JsonNode study) {
    return study.path("protocolSection").path("statusModule");
  }
}
