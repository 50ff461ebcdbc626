package io.exowatch.enrich.classify.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Maps characters to the small alphabet the phrase automaton runs on: {@code a-z} are 1-26, {@code 0-9}
 * 27-36, any other letter or digit 37, and everything else (space, punctuation, symbols) the word
 * boundary 0. Upper case folds to lower case; accented Latin letters fold to their base letters
 * ({@code ö} to {@code o}, {@code ß} to {@code ss}) and Greek letters to their names ({@code β} to
 * {@code beta}, {@code µ} to {@code u}), so {@code Sjögren}, {@code β-cell} and {@code µg} match the
 * ASCII spellings curators write. Combining marks are ignored.
 */
public final class SymbolFolding {

  /** The word boundary symbol. */
  public static final int BOUNDARY = 0;
  /** Any letter or digit without an ASCII folding. */
  public static final int OTHER = 37;
  /** Number of symbols. */
  public static final int ALPHABET = 38;

  private static final byte[] ASCII = new byte[128];
  private static final int FOLD_LIMIT = 0x400;
  private static final String[] FOLD = new String[FOLD_LIMIT];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII[c] = (byte) (c - 'a' + 1);
      ASCII[Character.toUpperCase(c)] = (byte) (c - 'a' + 1);
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII[c] = (byte) (c - '0' + 27);
    }
    for (int c = 0x80; c < FOLD_LIMIT; c++) {
      if (Character.isLetterOrDigit(c)) {
        final String base = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        if (!base.isEmpty() && base.chars().allMatch(ch -> ch < 128 && ASCII[ch] != 0)) {
          FOLD[c] = base;
        }
      }
    }
    final String[][] special = {
        {"ß", "ss"}, {"æ", "ae"}, {"Æ", "ae"}, {"ø", "o"}, {"Ø", "o"}, {"œ", "oe"}, {"Œ", "oe"},
        {"đ", "d"}, {"Đ", "d"}, {"ł", "l"}, {"Ł", "l"}, {"ı", "i"}, {"þ", "th"}, {"ð", "d"},
        {"µ", "u"}, {"μ", "u"}, {"Μ", "u"}, {"α", "alpha"}, {"Α", "alpha"}, {"β", "beta"}, {"Β", "beta"},
        {"γ", "gamma"}, {"Γ", "gamma"}, {"δ", "delta"}, {"Δ", "delta"}, {"ε", "epsilon"}, {"κ", "kappa"},
        {"λ", "lambda"}, {"σ", "sigma"}, {"τ", "tau"}, {"ω", "omega"}, {"θ", "theta"}, {"ζ", "zeta"},
        {"η", "eta"}, {"ι", "iota"}, {"ν", "nu"}, {"ξ", "xi"}, {"π", "pi"}, {"ρ", "rho"}, {"φ", "phi"},
        {"χ", "chi"}, {"ψ", "psi"}};
    for (final String[] s : special) {
      FOLD[s[0].charAt(0)] = s[1];
    }
  }

  private SymbolFolding() {
  }

  /** The symbol of an ASCII character (below 128). */
  public static int ascii(final char c) {
    return ASCII[c];
  }

  /** The ASCII folding of a character from 128 up, or {@code null} when it has none. */
  public static String fold(final char c) {
    return c < FOLD_LIMIT ? FOLD[c] : null;
  }

  /** Whether a character adds nothing to a word (a combining mark). */
  public static boolean isIgnorable(final char c) {
    final int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK || type == Character.FORMAT;
  }

  /** Whether a character belongs to a word (letter, digit or a mark inside one). */
  public static boolean isWordChar(final char c) {
    return c < 128 ? ASCII[c] != 0 : Character.isLetterOrDigit(c) || isIgnorable(c);
  }

  /**
   * The symbols of a phrase as the automaton sees it: folded, boundaries collapsed, with a leading
   * boundary and, unless {@code prefix}, a trailing one.
   *
   * @param phrase the phrase a curator wrote (without its trailing {@code *})
   * @param prefix whether the last word may continue ({@code exosom*})
   * @return the symbols, or an empty array when the phrase has no letter or digit
   */
  public static int[] symbols(final String phrase, final boolean prefix) {
    final int[] buf = new int[phrase.length() * 8 + 2];
    int n = 0;
    buf[n++] = BOUNDARY;
    for (int i = 0; i < phrase.length(); i++) {
      final char c = phrase.charAt(i);
      if (c < 128) {
        n = push(buf, n, ASCII[c]);
      } else if (fold(c) != null) {
        for (final char f : fold(c).toCharArray()) {
          n = push(buf, n, ASCII[f]);
        }
      } else if (isIgnorable(c)) {
        continue;
      } else {
        n = push(buf, n, Character.isLetterOrDigit(c) ? OTHER : BOUNDARY);
      }
    }
    if (n == 1 || n == 2 && buf[1] == BOUNDARY) {
      return new int[0];
    }
    if (buf[n - 1] == BOUNDARY) {
      n--;
    }
    if (!prefix) {
      buf[n++] = BOUNDARY;
    }
    final int[] out = new int[n];
    System.arraycopy(buf, 0, out, 0, n);
    return out;
  }

  private static int push(final int[] buf, final int n, final int symbol) {
    if (symbol == BOUNDARY && buf[n - 1] == BOUNDARY) {
      return n;
    }
    buf[n] = symbol;
    return n + 1;
  }
}
