package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.common.config.ConfigKey;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The operators' docker-compose.yml only sets EXOWATCH_* variables that are real configuration keys. */
class DockerComposeTest {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

  @Test
  void shouldSetOnlyRealConfigurationKeysThroughExowatchVariables() throws Exception {
    final Set<String> known = ConfigCatalog.all().stream().map(ConfigKey::envName).collect(Collectors.toSet());
    final Map<String, List<String>> variables = exowatchVariablesByService();
    assertThat(variables).as("services configured through EXOWATCH_* variables")
        .containsKeys("ingest", "enrich", "sink", "topics");
    variables.forEach((service, names) -> assertThat(names)
        .as("EXOWATCH_* variables of service %s that name no configuration key", service)
        .allSatisfy(name -> assertThat(known).contains(name)));
  }

  @Test
  void shouldPublishOnlyThePageAndDashboardsPorts() throws Exception {
    final Map<String, Object> services = services();
    final List<String> published = new ArrayList<>();
    services.forEach((name, s) -> {
      final Object ports = ((Map<?, ?>) s).get("ports");
      if (ports != null) {
        published.add(name);
      }
    });
    assertThat(published).containsExactlyInAnyOrder("sink", "dashboards");
  }

  @Test
  void shouldPinEveryImageTag() throws Exception {
    services().forEach((name, s) -> {
      final Object image = ((Map<?, ?>) s).get("image");
      assertThat(image).as("image of %s", name).isNotNull();
      assertThat(image.toString()).as("image of %s", name).matches(".+:[0-9][^:]*").doesNotEndWith(":latest");
    });
  }

  private static Map<String, List<String>> exowatchVariablesByService() throws Exception {
    final Map<String, List<String>> result = new TreeMap<>();
    services().forEach((name, s) -> {
      final Object env = ((Map<?, ?>) s).get("environment");
      if (env instanceof Map<?, ?> map) {
        final List<String> names = map.keySet().stream().map(String::valueOf)
            .filter(k -> k.startsWith(ConfigKey.ENV_PREFIX)).toList();
        if (!names.isEmpty()) {
          result.put(name, names);
        }
      }
    });
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() throws Exception {
    assertThat(COMPOSE).as("docker-compose.yml at the repository root").exists();
    try (Reader reader = Files.newBufferedReader(COMPOSE)) {
      final Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return (Map<String, Object>) root.get("services");
    }
  }
}
