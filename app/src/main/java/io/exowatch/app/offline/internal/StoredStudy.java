package io.exowatch.app.offline.internal;

import io.exowatch.app.offline.SyntheticStudies;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One study held by the simulator: its id and last-update date (for filtering and paging without
 * reading the JSON), and a way to write its JSON. Synthetic studies are generated when served, so
 * 20,000 of them cost a few bytes each until asked for.
 */
public sealed interface StoredStudy permits StoredStudy.Json, StoredStudy.Generated {

  /** The NCT id. */
  String nctId();

  /** {@code protocolSection.statusModule.lastUpdatePostDateStruct.date}. */
  LocalDate lastUpdatePostDate();

  /** Writes the study's compact JSON to {@code out}. */
  void writeTo(OutputStream out) throws IOException;

  /**
   * A study held as JSON bytes (snapshot, added or updated studies).
   *
   * @param nctId the NCT id
   * @param lastUpdatePostDate the last-update post date
   * @param json the compact JSON, UTF-8
   */
  record Json(String nctId, LocalDate lastUpdatePostDate, byte[] json) implements StoredStudy {
    /** Checks the parts. */
    public Json {
      Objects.requireNonNull(nctId, "nctId");
      Objects.requireNonNull(lastUpdatePostDate, "lastUpdatePostDate");
      Objects.requireNonNull(json, "json");
    }

    @Override
    public void writeTo(final OutputStream out) throws IOException {
      out.write(json);
    }
  }

  /**
   * A study generated on demand by {@link SyntheticStudies}.
   *
   * @param nctId the NCT id ({@code generator.nctId(index)})
   * @param lastUpdatePostDate its date ({@code generator.lastUpdatePostDate(index)})
   * @param generator the generator
   * @param index the study's index in the generator
   */
  record Generated(String nctId, LocalDate lastUpdatePostDate, SyntheticStudies generator, int index)
      implements StoredStudy {
    /** Checks the parts. */
    public Generated {
      Objects.requireNonNull(nctId, "nctId");
      Objects.requireNonNull(lastUpdatePostDate, "lastUpdatePostDate");
      Objects.requireNonNull(generator, "generator");
    }

    @Override
    public void writeTo(final OutputStream out) throws IOException {
      generator.writeStudy(index, out);
    }
  }
}
