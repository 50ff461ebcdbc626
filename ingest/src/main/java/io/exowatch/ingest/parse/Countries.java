package io.exowatch.ingest.parse;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One spelling per country across registries: ISO 3166 codes ({@code CN}, {@code IRN}), registry
 * spellings ({@code Iran, Islamic Republic of}, {@code Korea, Republic of}, {@code Turkey (Türkiye)},
 * {@code Russian Federation}), common English forms ({@code USA}, {@code UK}), Chinese names
 * ({@code 中国}) and EU CTR member-state labels ({@code Portugal - INFARMED}) all become the English
 * short name, e.g. {@code China}, {@code Iran}, {@code South Korea}, {@code United States}.
 *
 * <p>The names are Java's English display names of the ISO codes, except for a fixed set written out
 * here, so that the output does not change with the JDK's locale data. Thread-safe, no state.
 */
public final class Countries {

  /** Canonical names that differ from (or vary between versions of) Java's display names. */
  private static final Map<String, String> FIXED = Map.ofEntries(
      Map.entry("US", "United States"), Map.entry("GB", "United Kingdom"), Map.entry("IR", "Iran"),
      Map.entry("KR", "South Korea"), Map.entry("KP", "North Korea"), Map.entry("RU", "Russia"),
      Map.entry("TW", "Taiwan"), Map.entry("HK", "Hong Kong"), Map.entry("MO", "Macao"),
      Map.entry("TR", "Turkey"), Map.entry("CZ", "Czechia"), Map.entry("VN", "Vietnam"),
      Map.entry("SY", "Syria"), Map.entry("LA", "Laos"), Map.entry("BO", "Bolivia"),
      Map.entry("VE", "Venezuela"), Map.entry("TZ", "Tanzania"), Map.entry("MD", "Moldova"),
      Map.entry("PS", "Palestine"), Map.entry("CD", "Democratic Republic of the Congo"),
      Map.entry("CG", "Republic of the Congo"), Map.entry("CI", "Côte d'Ivoire"),
      Map.entry("MK", "North Macedonia"), Map.entry("SZ", "Eswatini"), Map.entry("CV", "Cape Verde"),
      Map.entry("BN", "Brunei"), Map.entry("FM", "Micronesia"), Map.entry("VA", "Vatican City"),
      Map.entry("MM", "Myanmar"), Map.entry("NL", "Netherlands"), Map.entry("CN", "China"));

  /** Other spellings, keyed as {@link #key} folds them. */
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("usa", "US"), Map.entry("u s a", "US"), Map.entry("u s", "US"),
      Map.entry("united states of america", "US"), Map.entry("america", "US"),
      Map.entry("uk", "GB"), Map.entry("u k", "GB"), Map.entry("great britain", "GB"),
      Map.entry("england", "GB"), Map.entry("scotland", "GB"), Map.entry("wales", "GB"),
      Map.entry("northern ireland", "GB"), Map.entry("united kingdom of great britain and northern ireland", "GB"),
      Map.entry("iran islamic republic of", "IR"), Map.entry("islamic republic of iran", "IR"),
      Map.entry("iran islamic rep", "IR"), Map.entry("persia", "IR"),
      Map.entry("korea republic of", "KR"), Map.entry("republic of korea", "KR"), Map.entry("korea", "KR"),
      Map.entry("korea south", "KR"), Map.entry("korea rep", "KR"),
      Map.entry("korea democratic people s republic of", "KP"), Map.entry("democratic people s republic of korea", "KP"),
      Map.entry("russian federation", "RU"), Map.entry("taiwan province of china", "TW"),
      Map.entry("chinese taipei", "TW"), Map.entry("hong kong sar", "HK"), Map.entry("hong kong china", "HK"),
      Map.entry("hong kong sar china", "HK"), Map.entry("macau", "MO"), Map.entry("macao sar china", "MO"),
      Map.entry("people s republic of china", "CN"), Map.entry("pr china", "CN"), Map.entry("p r china", "CN"),
      Map.entry("prc", "CN"), Map.entry("mainland china", "CN"), Map.entry("china mainland", "CN"),
      Map.entry("türkiye", "TR"), Map.entry("turkiye", "TR"), Map.entry("turkey türkiye", "TR"),
      Map.entry("czech republic", "CZ"), Map.entry("viet nam", "VN"), Map.entry("syrian arab republic", "SY"),
      Map.entry("lao people s democratic republic", "LA"), Map.entry("bolivia plurinational state of", "BO"),
      Map.entry("venezuela bolivarian republic of", "VE"), Map.entry("tanzania united republic of", "TZ"),
      Map.entry("moldova republic of", "MD"), Map.entry("palestinian territory occupied", "PS"),
      Map.entry("palestine state of", "PS"), Map.entry("congo the democratic republic of the", "CD"),
      Map.entry("congo democratic republic", "CD"), Map.entry("dr congo", "CD"), Map.entry("congo", "CG"),
      Map.entry("cote d ivoire", "CI"), Map.entry("ivory coast", "CI"),
      Map.entry("macedonia the former yugoslav republic of", "MK"), Map.entry("macedonia", "MK"),
      Map.entry("swaziland", "SZ"), Map.entry("cabo verde", "CV"), Map.entry("brunei darussalam", "BN"),
      Map.entry("holy see", "VA"), Map.entry("holy see vatican city state", "VA"), Map.entry("burma", "MM"),
      Map.entry("the netherlands", "NL"), Map.entry("holland", "NL"),
      Map.entry("中国", "CN"), Map.entry("中华人民共和国", "CN"), Map.entry("中国大陆", "CN"),
      Map.entry("香港", "HK"), Map.entry("中国香港", "HK"), Map.entry("澳门", "MO"), Map.entry("中国澳门", "MO"),
      Map.entry("台湾", "TW"), Map.entry("中国台湾", "TW"), Map.entry("美国", "US"), Map.entry("英国", "GB"),
      Map.entry("日本", "JP"), Map.entry("韩国", "KR"), Map.entry("德国", "DE"), Map.entry("法国", "FR"),
      Map.entry("加拿大", "CA"), Map.entry("澳大利亚", "AU"), Map.entry("新加坡", "SG"), Map.entry("伊朗", "IR"),
      Map.entry("印度", "IN"), Map.entry("意大利", "IT"), Map.entry("西班牙", "ES"), Map.entry("俄罗斯", "RU"),
      Map.entry("巴西", "BR"), Map.entry("ایران", "IR"));

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Every known spelling, folded, to the ISO alpha-2 code. */
  private static final Map<String, String> CODES = codes();

  private Countries() {
  }

  /**
   * The canonical English name of the country {@code raw} names.
   *
   * @param raw a country as some registry writes it; {@code null} or blank gives empty
   * @return the canonical name, or empty when {@code raw} is not a recognised country (callers keep the
   *     text as given, stripped)
   */
  public static Optional<String> canonical(final String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String code = CODES.get(key(raw));
    if (code == null && raw.contains(" - ")) {
      // EU CTR member states: "Portugal - INFARMED", "Germany - BfArM"
      code = CODES.get(key(raw.substring(0, raw.indexOf(" - "))));
    }
    if (code == null && raw.indexOf('(') > 0) {
      code = CODES.get(key(raw.substring(0, raw.indexOf('('))));
    }
    return Optional.ofNullable(code).map(Countries::name);
  }

  /** {@link #canonical} of {@code raw}, or {@code raw} stripped when it is not a recognised country. */
  public static String canonicalOrAsGiven(final String raw) {
    return canonical(raw).orElseGet(() -> raw == null ? null : raw.strip());
  }

  private static String name(final String code) {
    final String fixed = FIXED.get(code);
    return fixed != null ? fixed : new Locale("", code).getDisplayCountry(Locale.ENGLISH);
  }

  private static String key(final String raw) {
    // Accents and combining marks go ("İstanbul" lower-cases to i + U+0307; "Côte" = "Cote").
    final String plain = MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFD)).replaceAll("");
    return NOT_WORD.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  private static Map<String, String> codes() {
    final Map<String, String> codes = new HashMap<>();
    for (final String code : Locale.getISOCountries()) {
      final Locale locale = new Locale("", code);
      codes.put(key(code), code);
      codes.put(key(locale.getISO3Country()), code);
      codes.put(key(locale.getDisplayCountry(Locale.ENGLISH)), code);
      codes.put(key(name(code)), code);
    }
    ALIASES.forEach((alias, code) -> codes.put(key(alias), code));
    return Map.copyOf(codes);
  }
}
