package io.exowatch.enrich.classify.internal;

import static io.exowatch.enrich.classify.internal.SymbolFolding.ALPHABET;
import static io.exowatch.enrich.classify.internal.SymbolFolding.BOUNDARY;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton, compiled into a full transition table, that finds every vocabulary
 * phrase in a text in one pass over its characters. Phrases are word-bounded symbol sequences (see
 * {@link SymbolFolding#symbols}); runs of non-word characters count as one boundary, so
 * {@code MSC-Exos}, {@code MSC Exos} and {@code msc - exos} all match the phrase {@code msc exos}.
 * Immutable and thread-safe once built; a scan allocates nothing but the hits it reports.
 */
public final class PhraseAutomaton {

  /** Longest phrase in symbols; the scan remembers this many positions. */
  public static final int MAX_SYMBOLS = 250;
  private static final int RING = 256;
  private static final int MASK = RING - 1;

  private final int[] delta;
  private final int[][] outputs;
  private final int[] lengths;
  private final boolean[] prefixes;

  private PhraseAutomaton(final int[] delta, final int[][] outputs, final int[] lengths,
      final boolean[] prefixes) {
    this.delta = delta;
    this.outputs = outputs;
    this.lengths = lengths;
    this.prefixes = prefixes;
  }

  /**
   * Compiles phrases; phrase {@code i} is reported as term id {@code i}.
   *
   * @param phrases symbol sequences from {@link SymbolFolding#symbols}, each starting with a boundary
   * @param prefix whether each phrase is a prefix phrase (no trailing boundary)
   * @return the automaton
   */
  public static PhraseAutomaton build(final List<int[]> phrases, final boolean[] prefix) {
    int capacity = 1024;
    int[] trie = new int[capacity * ALPHABET];
    Arrays.fill(trie, -1);
    int states = 1;
    final List<List<Integer>> own = new ArrayList<>();
    own.add(null);
    final int[] lengths = new int[phrases.size()];
    for (int id = 0; id < phrases.size(); id++) {
      final int[] p = phrases.get(id);
      if (p.length < 2 || p.length > MAX_SYMBOLS || p[0] != BOUNDARY) {
        throw new IllegalArgumentException("phrase " + id + " has " + p.length + " symbols");
      }
      lengths[id] = p.length;
      int s = 0;
      for (final int sym : p) {
        int next = trie[s * ALPHABET + sym];
        if (next < 0) {
          if (states == capacity) {
            capacity *= 2;
            final int old = trie.length;
            trie = Arrays.copyOf(trie, capacity * ALPHABET);
            Arrays.fill(trie, old, trie.length, -1);
          }
          next = states++;
          trie[s * ALPHABET + sym] = next;
          own.add(null);
        }
        s = next;
      }
      if (own.get(s) == null) {
        own.set(s, new ArrayList<>(1));
      }
      own.get(s).add(id);
    }

    final int[] delta = new int[states * ALPHABET];
    final int[] fail = new int[states];
    final int[][] outputs = new int[states][];
    final ArrayDeque<Integer> queue = new ArrayDeque<>();
    outputs[0] = toArray(own.get(0), null);
    for (int sym = 0; sym < ALPHABET; sym++) {
      final int child = trie[sym];
      if (child > 0) {
        fail[child] = 0;
        delta[sym] = child;
        queue.add(child);
      } else {
        delta[sym] = 0;
      }
    }
    while (!queue.isEmpty()) {
      final int s = queue.poll();
      outputs[s] = toArray(own.get(s), outputs[fail[s]]);
      for (int sym = 0; sym < ALPHABET; sym++) {
        final int child = trie[s * ALPHABET + sym];
        if (child > 0) {
          fail[child] = delta[fail[s] * ALPHABET + sym];
          delta[s * ALPHABET + sym] = child;
          queue.add(child);
        } else {
          delta[s * ALPHABET + sym] = delta[fail[s] * ALPHABET + sym];
        }
      }
    }
    return new PhraseAutomaton(delta, outputs, lengths, prefix.clone());
  }

  private static int[] toArray(final List<Integer> own, final int[] inherited) {
    final int a = own == null ? 0 : own.size();
    final int b = inherited == null ? 0 : inherited.length;
    if (a + b == 0) {
      return null;
    }
    final int[] out = new int[a + b];
    for (int i = 0; i < a; i++) {
      out[i] = own.get(i);
    }
    if (b > 0) {
      System.arraycopy(inherited, 0, out, a, b);
    }
    return out;
  }

  /** Number of states, for tests and sizing. */
  public int stateCount() {
    return outputs.length;
  }

  /**
   * Reports every phrase occurrence in {@code text}, in order of where the match ends. Allocates a
   * scanner; callers scanning many texts reuse one from {@link #scanner()}.
   *
   * @param text the text to scan
   * @param sink receives the matches
   */
  public void scan(final CharSequence text, final HitSink sink) {
    scanner().scan(text, sink);
  }

  /** A reusable scanner; not thread-safe, one per thread or per classification. */
  public Scanner scanner() {
    return new Scanner();
  }

  private static boolean isSentenceEnd(final CharSequence text, final int i, final char c) {
    if (c == '\n') {
      return true;
    }
    if (c == '.' || c == ';' || c == '!' || c == '?') {
      return i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1));
    }
    return false;
  }

  /** Scans texts one after the other, remembering the last {@value #RING} symbols of the current one. */
  public final class Scanner {
    private final int[] pos = new int[RING];
    private final int[] tok = new int[RING];
    private final int[] sent = new int[RING];
    private CharSequence text;
    private HitSink sink;
    private int state;
    private int fed;
    private int token;
    private int sentence;
    private boolean boundary;

    private Scanner() {
    }

    /**
     * Reports every phrase occurrence in {@code text}, in order of where the match ends.
     *
     * @param text the text to scan
     * @param sink receives the matches
     */
    public void scan(final CharSequence text, final HitSink sink) {
      this.text = text;
      this.sink = sink;
      state = 0;
      fed = 0;
      token = -1;
      sentence = 0;
      boundary = false;
      feed(BOUNDARY, -1);
      final int n = text.length();
      for (int i = 0; i < n; i++) {
        final char c = text.charAt(i);
        if (c < 128) {
          feed(SymbolFolding.ascii(c), i);
          if (isSentenceEnd(text, i, c)) {
            sentence++;
          }
        } else {
          final String folded = SymbolFolding.fold(c);
          if (folded != null) {
            for (int k = 0; k < folded.length(); k++) {
              feed(SymbolFolding.ascii(folded.charAt(k)), i);
            }
          } else if (!SymbolFolding.isIgnorable(c)) {
            feed(Character.isLetterOrDigit(c) ? SymbolFolding.OTHER : BOUNDARY, i);
          }
        }
      }
      feed(BOUNDARY, n);
      this.text = null;
      this.sink = null;
    }

    private void feed(final int sym, final int at) {
      if (sym == BOUNDARY) {
        if (boundary) {
          return;
        }
        boundary = true;
      } else if (boundary || fed == 0) {
        token++;
        boundary = false;
      }
      final int k = fed++;
      pos[k & MASK] = at;
      tok[k & MASK] = token;
      sent[k & MASK] = sentence;
      state = delta[state * ALPHABET + sym];
      final int[] out = outputs[state];
      if (out != null) {
        for (final int id : out) {
          emit(id, k);
        }
      }
    }

    private void emit(final int id, final int k) {
      final int first = (k - lengths[id] + 2) & MASK;
      final int last = (prefixes[id] ? k : k - 1) & MASK;
      int end = pos[last] + 1;
      if (prefixes[id]) {
        while (end < text.length() && SymbolFolding.isWordChar(text.charAt(end))) {
          end++;
        }
      }
      sink.hit(id, pos[first], end, tok[first], tok[last], sent[first]);
    }
  }
}
