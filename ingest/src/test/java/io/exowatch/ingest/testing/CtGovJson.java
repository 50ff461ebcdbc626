package io.exowatch.ingest.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** ClinicalTrials.gov v2 search responses written by the tests themselves, in the API's shape. */
public final class CtGovJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CtGovJson() {
  }

  /** One study: an MSC-exosome trial with the given id, title and last update date. */
  public static ObjectNode study(final String nctId, final String title, final String lastUpdate) {
    final ObjectNode s = MAPPER.createObjectNode();
    final ObjectNode p = s.putObject("protocolSection");
    p.putObject("identificationModule").put("nctId", nctId).put("briefTitle", title);
    final ObjectNode status = p.putObject("statusModule").put("overallStatus", "RECRUITING");
    status.putObject("lastUpdatePostDateStruct").put("date", lastUpdate).put("type", "ACTUAL");
    p.putObject("conditionsModule").putArray("conditions").add("ARDS");
    final ObjectNode iv = p.putObject("armsInterventionsModule").putArray("interventions").addObject();
    iv.put("type", "BIOLOGICAL").put("name", "MSC-derived exosomes");
    s.put("hasResults", false);
    return s;
  }

  /** A study without an NCT id: the parser must reject it alone. */
  public static ObjectNode studyWithoutId(final String title) {
    final ObjectNode s = MAPPER.createObjectNode();
    s.putObject("protocolSection").putObject("identificationModule").put("briefTitle", title);
    return s;
  }

  /** A search response holding {@code studies}, with {@code nextPageToken} unless it is null. */
  public static String page(final List<ObjectNode> studies, final String nextPageToken) {
    final ObjectNode root = MAPPER.createObjectNode();
    final ArrayNode arr = root.putArray("studies");
    studies.forEach(arr::add);
    if (nextPageToken != null) {
      root.put("nextPageToken", nextPageToken);
    }
    return root.toString();
  }
}
