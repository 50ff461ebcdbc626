package io.exowatch.sink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.common.config.ExoConfig;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkServiceTest {

  @Test
  void shouldFailToStartNamingOpenSearchAndTheTimeoutWhenItDoesNotAnswer() throws Exception {
    final int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    final ExoConfig config = ExoConfig.of(Map.of(
        "opensearch.url", "http://127.0.0.1:" + closedPort,
        "sink.startup-timeout", "1s",
        "sink.retry.backoff", "50ms"));
    assertThatThrownBy(() -> SinkService.start(config))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("http://127.0.0.1:" + closedPort)
        .hasMessageContaining("sink.startup-timeout");
  }

  @Test
  void shouldRefuseAMalformedSettingNamingTheKey() {
    assertThatThrownBy(() -> SinkService.start(ExoConfig.of(Map.of("sink.batch.max-docs", "many"))))
        .isInstanceOf(io.exowatch.common.config.ConfigException.class)
        .hasMessageContaining("sink.batch.max-docs");
  }
}
