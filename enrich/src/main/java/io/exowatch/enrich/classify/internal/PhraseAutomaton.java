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

  /** Longest phrase in symbols. */
  public static final int MAX_SYMBOLS = 250;
  private static final int RING = 256;
  private static final int MASK = RING - 1;

  /** Transitions: {@code table[state * ALPHABET + symbol]}, see {@link #build}. */
  private final int[] table;
  private final int[][] outputs;
  private final int[] words;
  private final boolean[] prefixes;

  private PhraseAutomaton(final int[] table, final int[][] outputs, final int[] words,
      final boolean[] prefixes) {
    this.table = table;
    this.outputs = outputs;
    this.words = words;
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
    final int[] words = new int[phrases.size()];
    for (int id = 0; id < phrases.size(); id++) {
      final int[] p = phrases.get(id);
      if (p.length < 2 || p.length > MAX_SYMBOLS || p[0] != BOUNDARY) {
        throw new IllegalArgumentException("phrase " + id + " has " + p.length + " symbols");
      }
      for (int k = 1; k < p.length; k++) {
        if (p[k] != BOUNDARY && p[k - 1] == BOUNDARY) {
          words[id]++;
        }
      }
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
    // Breadth-first order: fail links of shallower states are known first, and renumbering states in
    // this order keeps the shallow states, where scans spend most steps, together in memory.
    final int[] order = new int[states];
    int ordered = 0;
    final ArrayDeque<Integer> queue = new ArrayDeque<>();
    order[ordered++] = 0;
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
      order[ordered++] = s;
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
    final int[] renumber = new int[states];
    for (int i = 0; i < states; i++) {
      renumber[order[i]] = i;
    }
    // The scan's table holds each target pre-multiplied by the alphabet size, complemented (negative)
    // when the target state reports phrases, so the common step is one load and one sign test.
    final int[] table = new int[delta.length];
    final int[][] renumberedOutputs = new int[states][];
    for (int old = 0; old < states; old++) {
      final int row = renumber[old] * ALPHABET;
      renumberedOutputs[renumber[old]] = outputs[old];
      for (int sym = 0; sym < ALPHABET; sym++) {
        final int target = delta[old * ALPHABET + sym];
        final int value = renumber[target] * ALPHABET;
        table[row + sym] = outputs[target] == null ? value : ~value;
      }
    }
    return new PhraseAutomaton(table, renumberedOutputs, words, prefix.clone());
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



  /**
   * Scans texts one after the other, remembering where the last {@value #RING} words started. The
   * scan keeps its state in local variables (the per-character loop touches no field) and writes
   * them back only when it reports a match.
   */
  public final class Scanner {
    private final int[] wordStart = new int[RING];
    private String text;
    private int length;
    private HitSink sink;
    private int token;
    private int lastLetter;
    private int sentence;

    private Scanner() {
    }

    /**
     * Reports every phrase occurrence in {@code text}, in order of where the match ends.
     *
     * @param text the text to scan
     * @param sink receives the matches
     */
    public void scan(final CharSequence text, final HitSink sink) {
      final String s = text.toString();
      final int n = s.length();
      this.text = s;
      this.length = n;
      this.sink = sink;
      final int[] delta = table;
      final int[] starts = wordStart;
      int token = -1;
      int lastLetter = -1;
      int sentence = 0;
      boolean inWord = false;
      // The leading boundary: phrases start at a word start.
      int state = delta[BOUNDARY];
      if (state < 0) {
        state = report(state, -1, token, lastLetter, sentence);
      }
      for (int i = 0; i < n; i++) {
        final char c = s.charAt(i);
        if (c < 128) {
          final int sym = SymbolFolding.ascii(c);
          if (sym != BOUNDARY) {
            if (!inWord) {
              inWord = true;
              starts[++token & MASK] = i;
            }
            lastLetter = i;
            state = delta[state + sym];
            if (state < 0) {
              state = report(state, i, token, lastLetter, sentence);
            }
          } else {
            if (inWord) {
              // A run of non-word characters is one boundary: "MSC - Exos" matches "msc exos".
              inWord = false;
              state = delta[state];
              if (state < 0) {
                state = report(state, i, token, lastLetter, sentence);
              }
            }
            if (c == '\n' || (c == '.' || c == ';' || c == '!' || c == '?')
                && (i + 1 >= n || Character.isWhitespace(s.charAt(i + 1)))) {
              sentence++;
            }
          }
        } else {
          final String folded = SymbolFolding.fold(c);
          if (folded != null || Character.isLetterOrDigit(c)) {
            if (!inWord) {
              inWord = true;
              starts[++token & MASK] = i;
            }
            lastLetter = i;
            if (folded != null) {
              for (int k = 0; k < folded.length(); k++) {
                state = delta[state + SymbolFolding.ascii(folded.charAt(k))];
                if (state < 0) {
                  state = report(state, i, token, lastLetter, sentence);
                }
              }
            } else {
              state = delta[state + SymbolFolding.OTHER];
              if (state < 0) {
                state = report(state, i, token, lastLetter, sentence);
              }
            }
          } else if (inWord && !SymbolFolding.isIgnorable(c)) {
            inWord = false;
            state = delta[state];
            if (state < 0) {
              state = report(state, i, token, lastLetter, sentence);
            }
          }
        }
      }
      if (inWord) {
        state = delta[state];
        if (state < 0) {
          report(state, n, token, lastLetter, sentence);
        }
      }
      this.sink = null;
      this.text = null;
    }

    /**
     * Reports the phrases of the state a step reached (its table entry, negative when it reports);
     * returns the state itself.
     */
    private int report(final int entry, final int at, final int token, final int lastLetter, final int sentence) {
      final int state = ~entry;
      this.token = token;
      this.lastLetter = lastLetter;
      this.sentence = sentence;
      for (final int id : outputs[state / ALPHABET]) {
        emit(id, at);
      }
      return state;
    }

    private void emit(final int id, final int at) {
      final int first = token - words[id] + 1;
      final int start = wordStart[first & MASK];
      int end;
      if (prefixes[id]) {
        end = at + 1;
        while (end < length && SymbolFolding.isWordChar(text.charAt(end))) {
          end++;
        }
      } else {
        end = lastLetter + 1;
      }
      sink.hit(id, start, end, first, token, sentence);
    }
  }
}
