package io.exowatch.enrich.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.exowatch.schemas.avro.ArticleLink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The links of one trial (to articles) or one article (to trials), as kept in the
 * {@code trial-links} and {@code article-links} stores. A link stays while at least one reason
 * ({@code via}: a mention, or a reference by some article key) holds.
 *
 * @param links the other party's id → its title (articles only) and the reasons, by id
 */
public record Links(Map<String, Link> links) {

  /**
   * One link.
   *
   * @param title the article's title, or {@code null} (links to trials have none)
   * @param vias why the link holds, sorted
   */
  public record Link(String title, List<String> vias) {
    /** Copies the reasons. */
    public Link {
      vias = vias == null ? List.of() : List.copyOf(vias);
    }
  }

  /** Copies the map, sorted by id. */
  public Links {
    links = links == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(links));
  }

  /** No links. */
  public static Links none() {
    return new Links(Map.of());
  }

  /** Whether there are no links. */
  @JsonIgnore
  public boolean isEmpty() {
    return links.isEmpty();
  }

  /** These links after a {@link LinkMessage.Type#LINK} or {@link LinkMessage.Type#UNLINK}. */
  public Links apply(final LinkMessage message) {
    final TreeMap<String, Link> next = new TreeMap<>(links);
    final Link current = next.get(message.id());
    final TreeSet<String> vias = current == null ? new TreeSet<>() : new TreeSet<>(current.vias());
    switch (message.type()) {
      case LINK -> {
        vias.add(message.via());
        next.put(message.id(), new Link(message.title(), new ArrayList<>(vias)));
      }
      case UNLINK -> {
        vias.remove(message.via());
        if (vias.isEmpty()) {
          next.remove(message.id());
        } else {
          next.put(message.id(), new Link(current.title(), new ArrayList<>(vias)));
        }
      }
      default -> throw new IllegalArgumentException("Not a link change: " + message);
    }
    return new Links(next);
  }

  /** Whether the link to {@code id} holds because of {@code via}. */
  public boolean has(final String id, final String via) {
    final Link link = links.get(id);
    return link != null && link.vias().contains(via);
  }

  /** The ids linked because of {@code via}. */
  public List<String> idsVia(final String via) {
    final List<String> ids = new ArrayList<>();
    links.forEach((id, link) -> {
      if (link.vias().contains(via)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** These links with every reason but {@code via} dropped (and links left without reason removed). */
  public Links onlyVia(final String via) {
    final TreeMap<String, Link> kept = new TreeMap<>();
    links.forEach((id, link) -> {
      if (link.vias().contains(via)) {
        kept.put(id, new Link(link.title(), List.of(via)));
      }
    });
    return new Links(kept);
  }

  /** Whether {@code other} shows the same ids and titles (reasons aside). */
  public boolean looksLike(final Links other) {
    if (!links.keySet().equals(other.links.keySet())) {
      return false;
    }
    for (final Map.Entry<String, Link> e : links.entrySet()) {
      if (!Objects.equals(e.getValue().title(), other.links.get(e.getKey()).title())) {
        return false;
      }
    }
    return true;
  }

  /** The linked articles, by id. */
  public List<ArticleLink> articles() {
    final List<ArticleLink> out = new ArrayList<>(links.size());
    links.forEach((id, link) -> out.add(new ArticleLink(id, link.title())));
    return out;
  }

  /** The linked ids, sorted. */
  public List<String> ids() {
    return new ArrayList<>(links.keySet());
  }
}
