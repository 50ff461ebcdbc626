package io.exowatch.app.offline;

import java.util.Objects;

/**
 * A publisher landing page of the snapshot.
 *
 * @param path where the simulator serves it, e.g. {@code /articles/10.1186/s13287-025-04210-3}
 * @param doi the DOI the simulator's resolver redirects to it, or {@code null}
 * @param html the page
 */
public record LandingPage(String path, String doi, String html) {

  /** Checks the parts: the path starts with {@code /}. */
  public LandingPage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(html, "html");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Landing page path must start with / but was " + path);
    }
  }
}
