package io.exowatch.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final ConfigKey<String> BOOTSTRAP = CommonKeys.KAFKA_BOOTSTRAP_SERVERS;
  private static final ConfigKey<Integer> PORT = ConfigKey.integer("http.port", 8080, "port");
  private static final ConfigKey<Duration> POLL = ConfigKey.duration("sources.ctgov.poll-interval", Duration.ofHours(6), "poll");
  private static final ConfigKey<List<String>> URLS = ConfigKey.list("sources.pages.urls", List.of(), "urls");
  private static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("sources.ctgov.enabled", true, "on");

  private final ConfigLoader loader = new ConfigLoader(List.of(BOOTSTRAP, PORT, POLL, URLS, ENABLED));

  @TempDir Path dir;

  @Test
  void shouldUseDefaultsWhenNothingIsSet() {
    final ExoConfig config = loader.load(null, Map.of(), Map.of());
    assertThat(config.get(BOOTSTRAP)).isEqualTo("127.0.0.1:9092");
    assertThat(config.get(PORT)).isEqualTo(8080);
    assertThat(config.get(POLL)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void shouldLetEnvironmentOverrideFileAndOptionsOverrideEnvironment() throws Exception {
    final Path file = Files.writeString(dir.resolve("exowatch.properties"), "http.port=9000\nkafka.bootstrap.servers=file:9092\n");
    final Map<String, String> env = Map.of("EXOWATCH_HTTP_PORT", "9100", "PATH", "/bin");
    final Map<String, String> options = Map.of("kafka.bootstrap.servers", "cli:9092");
    final ExoConfig config = loader.load(file, env, options);
    assertThat(config.get(PORT)).isEqualTo(9100);
    assertThat(config.get(BOOTSTRAP)).isEqualTo("cli:9092");
  }

  @Test
  void shouldMapDashesAndDotsToUnderscoresInEnvironmentNames() {
    assertThat(POLL.envName()).isEqualTo("EXOWATCH_SOURCES_CTGOV_POLL_INTERVAL");
    final ExoConfig config = loader.load(null, Map.of("EXOWATCH_SOURCES_CTGOV_POLL_INTERVAL", "30s"), Map.of());
    assertThat(config.get(POLL)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldFlattenNestedYamlAndJoinLists() throws Exception {
    final Path file = Files.writeString(dir.resolve("exowatch.yaml"), String.join("\n",
        "sources:",
        "  ctgov:",
        "    enabled: false",
        "    poll-interval: PT1H",
        "  pages:",
        "    urls:",
        "      - https://a.example/x",
        "      - https://b.example/y",
        ""));
    final ExoConfig config = loader.load(file, Map.of(), Map.of());
    assertThat(config.get(ENABLED)).isFalse();
    assertThat(config.get(POLL)).isEqualTo(Duration.ofHours(1));
    assertThat(config.get(URLS)).containsExactly("https://a.example/x", "https://b.example/y");
  }

  @Test
  void shouldFailAtLoadWithTheKeyAndOriginWhenAValueIsBad() {
    assertThatThrownBy(() -> loader.load(null, Map.of("EXOWATCH_HTTP_PORT", "eighty"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("eighty")
        .hasMessageContaining("EXOWATCH_HTTP_PORT");
  }

  @Test
  void shouldRejectAnUnknownKeyWithSuggestions() {
    final Map<String, String> options = new LinkedHashMap<>();
    options.put("http.prot", "1");
    assertThatThrownBy(() -> loader.load(null, Map.of(), options))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown configuration key 'http.prot'")
        .hasMessageContaining("http.port");
  }

  @Test
  void shouldWarnButContinueOnUnknownEnvironmentVariables() {
    loader.load(null, Map.of("EXOWATCH_NO_SUCH_THING", "x"), Map.of());
    assertThat(loader.warnings()).singleElement().asString().contains("EXOWATCH_NO_SUCH_THING");
  }

  @Test
  void shouldNameTheMissingFile() {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml");
  }

  @Test
  void shouldParseDurationsSizesAndUrls() {
    assertThat(ConfigKey.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigKey.parseDuration("PT6H")).isEqualTo(Duration.ofHours(6));
    assertThat(ConfigKey.size("x.max", 1L, "d").parse("32m")).isEqualTo(32L << 20);
    assertThat(ConfigKey.url("x.url", null, "d").parse("https://h.example/api/v2/").toString())
        .isEqualTo("https://h.example/api/v2");
    assertThatThrownBy(() -> ConfigKey.url("x.url", null, "d").parse("ftp://h"))
        .hasMessageContaining("x.url");
  }

  @Test
  void shouldNameARequiredKeyThatIsMissing() {
    final ConfigKey<String> required = ConfigKey.string("x.required", null, "needed");
    assertThatThrownBy(() -> ExoConfig.defaults().get(required))
        .hasMessageContaining("x.required")
        .hasMessageContaining("EXOWATCH_X_REQUIRED");
  }
}
