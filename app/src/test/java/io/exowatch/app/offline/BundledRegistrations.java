package io.exowatch.app.offline;

import io.exowatch.ingest.chictr.ChiCtrProjectParser;
import io.exowatch.ingest.euctr.EuCtrParser;
import io.exowatch.ingest.irct.IrctTrialParser;
import io.exowatch.ingest.isrctn.IsrctnPage;
import io.exowatch.ingest.isrctn.IsrctnParser;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The registrations of a {@link RegistrySnapshot} read by the ingest module's own parsers, without HTTP:
 * what the registry sources would make of them. Fails, naming the record, on anything a parser rejects.
 */
final class BundledRegistrations {

  /** The first line of an EU CTR full-text download. */
  private static final String DOWNLOAD_PREAMBLE =
      "This file contains full details on each clinical trial selected for download.";

  private BundledRegistrations() {
  }

  /** Every registration of {@code registries} as a record, ChiCTR, IRCT, ISRCTN then EU CTR. */
  static List<TrialRecord> parse(final RegistrySnapshot registries, final Instant at) throws ParseException {
    final List<TrialRecord> out = new ArrayList<>();
    final ChiCtrProjectParser chictr = new ChiCtrProjectParser();
    for (final RegistrySnapshot.ChiCtrProject p : registries.chictr()) {
      out.add(chictr.parse(p.html(), "https://www.chictr.org.cn/showproj.html?proj=" + p.projectId(), at));
    }
    for (final RegistrySnapshot.IrctTrial t : registries.irct()) {
      out.addAll(complete(IrctTrialParser.parse(t.xml(), "https://irct.behdasht.gov.ir/trial/" + t.number(), at),
          t.registrationId()));
    }
    final IsrctnPage isrctn = IsrctnParser.parse(registries.isrctnAllTrialsXml(), at);
    if (!isrctn.failures().isEmpty()) {
      throw new AssertionError("ISRCTN trials that could not be read: " + isrctn.failures());
    }
    out.addAll(isrctn.records());
    final StringBuilder download = new StringBuilder(DOWNLOAD_PREAMBLE).append("\n\n");
    registries.euctr().forEach(t -> download.append(t.fullText().strip()).append("\n\n"));
    out.addAll(complete(new EuCtrParser().parseDownload(download.toString(), at), "the EU CTR download"));
    return out;
  }

  private static List<TrialRecord> complete(final Parsed<TrialRecord> parsed, final String what) {
    if (!parsed.failures().isEmpty()) {
      throw new AssertionError(what + " could not be read: " + parsed.failures());
    }
    return parsed.records();
  }
}
