package io.exowatch.ingest.http;

import java.net.URI;

/**
 * A request or a redirect pointed at a host outside the site's allow-list (the hosts of its
 * configured base URLs plus any hosts allowed explicitly). Not transient.
 */
public class HostNotAllowedException extends FetchException {

  private static final long serialVersionUID = 1L;

  /** {@code url}'s host is not allowed for {@code site}. */
  public HostNotAllowedException(final URI url, final String site) {
    super(url, "Host '" + url.getHost() + "' is not allowed for site " + site, false, null);
  }
}
