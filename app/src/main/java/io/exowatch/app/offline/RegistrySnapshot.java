package io.exowatch.app.offline;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The registry part of an {@link OfflineSnapshot}: registrations of ChiCTR, IRCT, ISRCTN and the EU
 * Clinical Trials Register in each registry's own format, with what their search pages list about
 * them. The {@link SourceSimulator} renders the search pages from the listing fields and serves the
 * records as they are.
 *
 * <p>{@link #empty()} holds nothing (every registry answers with no results); the bundled one is
 * {@link OfflineSnapshot#bundled()}{@code .registries()}. Immutable.
 *
 * @param chictr ChiCTR projects, listed newest registration first as the site lists them
 * @param irct IRCT trials, in search order
 * @param isrctnAllTrialsXml an ISRCTN API response ({@code <allTrials>} of the ISRCTN namespace) holding
 *     every ISRCTN trial; the simulator serves those edited within a request's window
 * @param euctr EU CTR trials, in search order
 */
public record RegistrySnapshot(List<ChiCtrProject> chictr, List<IrctTrial> irct, String isrctnAllTrialsXml,
    List<EuCtrTrial> euctr) {

  /** An ISRCTN response with no trials. */
  public static final String NO_ISRCTN_TRIALS =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<allTrials xmlns=\"http://www.67bricks.com/isrctn\" totalCount=\"0\"/>\n";

  /** Copies the lists. */
  public RegistrySnapshot {
    chictr = List.copyOf(chictr);
    irct = List.copyOf(irct);
    Objects.requireNonNull(isrctnAllTrialsXml, "isrctnAllTrialsXml");
    euctr = List.copyOf(euctr);
  }

  /** No registrations in any registry. */
  public static RegistrySnapshot empty() {
    return new RegistrySnapshot(List.of(), List.of(), NO_ISRCTN_TRIALS, List.of());
  }

  /**
   * A ChiCTR project: a row of the search results ({@code searchproj.html}) and its page
   * ({@code showproj.html?proj=...}).
   *
   * @param projectId the site's project number ({@code proj=}), digits
   * @param registrationNumber the registration number the row shows ({@code ChiCTR2200900102})
   * @param title the title the row shows (the Chinese public title)
   * @param institution the institution the row shows under the title
   * @param studyType the study type the row shows ({@code 干预性研究})
   * @param registered the registration date the row shows
   * @param html the project page
   */
  public record ChiCtrProject(String projectId, String registrationNumber, String title, String institution,
      String studyType, LocalDate registered, String html) {

    /** Checks the parts: a numeric project id, a page. */
    public ChiCtrProject {
      Objects.requireNonNull(projectId, "projectId");
      Objects.requireNonNull(registrationNumber, "registrationNumber");
      Objects.requireNonNull(registered, "registered");
      Objects.requireNonNull(html, "html");
      if (!projectId.matches("\\d{1,9}")) {
        throw new IllegalArgumentException("ChiCTR project id must be digits but was '" + projectId + "'");
      }
    }
  }

  /**
   * An IRCT trial: a search result and its XML ({@code /trial/{number}/xml}).
   *
   * @param number the site's trial number
   * @param registrationId the IRCT id the result shows ({@code IRCT20210308900101N1})
   * @param title the title the result shows
   * @param status the recruitment status the result shows
   * @param xml the trial's {@code <trials>} document
   */
  public record IrctTrial(long number, String registrationId, String title, String status, String xml) {

    /** Checks the parts: a positive number, an XML document. */
    public IrctTrial {
      Objects.requireNonNull(registrationId, "registrationId");
      Objects.requireNonNull(xml, "xml");
      if (number < 1) {
        throw new IllegalArgumentException("IRCT trial number must be positive but was " + number);
      }
    }
  }

  /**
   * An EU CTR trial: a search result ({@code table.result}) and its blocks of the full-text download.
   *
   * @param eudractNumber the EudraCT number ({@code 2020-900201-35})
   * @param sponsorProtocolNumber the sponsor's protocol number, or {@code null}
   * @param startDate the start date the result shows (the first competent authority decision)
   * @param sponsorName the sponsor
   * @param fullTitle the full title
   * @param medicalCondition the medical condition
   * @param populationAge the population age ({@code Adults, Elderly})
   * @param gender the gender ({@code Male, Female})
   * @param protocols the member states with a protocol, each with its status
   * @param fullText the trial's blocks of the full-text download ({@code Summary} ... per member state)
   */
  public record EuCtrTrial(String eudractNumber, String sponsorProtocolNumber, LocalDate startDate,
      String sponsorName, String fullTitle, String medicalCondition, String populationAge, String gender,
      List<MemberState> protocols, String fullText) {

    /** Checks the parts and copies the list. */
    public EuCtrTrial {
      Objects.requireNonNull(eudractNumber, "eudractNumber");
      Objects.requireNonNull(fullText, "fullText");
      protocols = List.copyOf(protocols);
      if (!eudractNumber.matches("\\d{4}-\\d{6}-\\d{2}")) {
        throw new IllegalArgumentException("Not a EudraCT number: '" + eudractNumber + "'");
      }
      if (protocols.isEmpty()) {
        throw new IllegalArgumentException("EU CTR trial " + eudractNumber + " lists no member state protocol");
      }
    }
  }

  /**
   * A member state's protocol of an EU CTR trial.
   *
   * @param code the member state code of the protocol link ({@code DE}, {@code GB}, {@code 3rd})
   * @param status the status shown beside it ({@code Ongoing}, {@code Completed})
   */
  public record MemberState(String code, String status) {

    /** Checks the parts. */
    public MemberState {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(status, "status");
    }
  }
}
