package io.exowatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.common.config.ConfigException;
import io.exowatch.common.config.ConfigKey;
import io.exowatch.common.config.ConfigLoader;
import io.exowatch.common.config.ExoConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestKeysTest {

  @Test
  void shouldGiveTheDocumentedDefaultsWhenNothingIsSet() {
    final IngestSettings s = IngestSettings.from(ExoConfig.defaults());
    assertThat(s).isEqualTo(IngestSettings.defaults());
    assertThat(s.ctgov().baseUrl()).isEqualTo(URI.create("https://clinicaltrials.gov/api/v2"));
    assertThat(s.ctgov().pageSize()).isEqualTo(1000);
    assertThat(s.ctgov().pollInterval()).isEqualTo(Duration.ofHours(6));
    assertThat(s.ctgov().rateLimit()).isEqualTo(1.0);
    assertThat(s.pubmed().baseUrl()).isEqualTo(URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils"));
    assertThat(s.pubmed().rateLimit()).isEqualTo(3.0);
    assertThat(s.pubmed().apiKey()).isEmpty();
    assertThat(s.europePmc().baseUrl()).isEqualTo(URI.create("https://www.ebi.ac.uk/europepmc/webservices/rest"));
    assertThat(s.europePmc().rateLimit()).isEqualTo(5.0);
    assertThat(s.pages().doiResolver().toString()).startsWith("https://doi.org");
    assertThat(s.pages().rateLimit()).isEqualTo(1.0);
    assertThat(s.http().maxBodyBytes()).isEqualTo(32L << 20);
    assertThat(s.http().userAgent()).contains("ExoWatch");
    assertThat(s.topics().trials()).isEqualTo("trials-raw");
    assertThat(s.topics().cursors()).isEqualTo("ingest-cursors");
  }

  @Test
  void shouldReadEveryKeyFromTheEnvironmentAndOptions() {
    final ConfigLoader loader = new ConfigLoader(IngestKeys.all());
    final ExoConfig c = loader.load(null, Map.of(
        "EXOWATCH_SOURCES_CTGOV_BASE_URL", "http://127.0.0.1:8089/api/v2/",
        "EXOWATCH_SOURCES_PUBMED_API_KEY", "abc123",
        "EXOWATCH_HTTP_MAX_BODY_BYTES", "8m"), Map.of(
        "sources.ctgov.enabled", "false",
        "sources.ctgov.page-size", "50",
        "sources.europepmc.poll-interval", "30m",
        "sources.pages.urls", "https://a.example/x, https://b.example/y",
        "http.timeout", "5s",
        "ingest.topic.dlq", "my-dlq"));
    final IngestSettings s = IngestSettings.from(c);
    assertThat(s.ctgov().enabled()).isFalse();
    assertThat(s.ctgov().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/api/v2"));
    assertThat(s.ctgov().pageSize()).isEqualTo(50);
    assertThat(s.pubmed().apiKey()).isEqualTo("abc123");
    assertThat(s.europePmc().pollInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.pages().urls()).containsExactly(URI.create("https://a.example/x"), URI.create("https://b.example/y"));
    assertThat(s.http().maxBodyBytes()).isEqualTo(8L << 20);
    assertThat(s.http().readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.topics().deadLetters()).isEqualTo("my-dlq");
    assertThat(s.topics().trials()).isEqualTo("trials-raw");
  }

  @Test
  void shouldFailNamingTheKeyForAnOutOfRangeValue() {
    assertThatThrownBy(() -> IngestSettings.from(ExoConfig.of(Map.of("sources.ctgov.page-size", "5000"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sources.ctgov.page-size");
    assertThatThrownBy(() -> IngestSettings.from(ExoConfig.of(Map.of("sources.pubmed.date-type", "xdat"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sources.pubmed.date-type");
    assertThatThrownBy(() -> IngestSettings.from(ExoConfig.of(Map.of("sources.europepmc.rate-limit", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sources.europepmc.rate-limit");
  }

  @Test
  void shouldDeclareEachKeyOnceWithADescription() {
    final List<ConfigKey<?>> keys = IngestKeys.all();
    assertThat(keys).extracting(ConfigKey::name).doesNotHaveDuplicates()
        .contains("sources.ctgov.enabled", "sources.ctgov.base-url", "sources.ctgov.query", "sources.ctgov.page-size",
            "sources.ctgov.poll-interval", "sources.ctgov.rate-limit", "sources.pubmed.api-key",
            "sources.europepmc.base-url", "sources.pages.urls", "sources.pages.doi-resolver", "http.timeout",
            "http.max-body-bytes", "http.max-retries", "http.user-agent");
    assertThat(keys).allSatisfy(k -> assertThat(k.doc()).isNotBlank());
  }
}
