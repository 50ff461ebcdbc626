package io.exowatch.localstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void shouldRecogniseAddressInUseAnywhereInTheCauseChain() {
        assertThat(FreePorts.isAddressInUse(new IllegalStateException("startup failed",
                new UncheckedIOException(new BindException("Address already in use"))))).isTrue();
        assertThat(FreePorts.isAddressInUse(new RuntimeException(
                "Socket server failed to bind to 127.0.0.1:9092: Address already in use."))).isTrue();
        assertThat(FreePorts.isAddressInUse(new IllegalStateException("disk full"))).isFalse();
    }

    @Test
    void shouldSayWhetherAPortIsFree() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
        }
        assertThat(FreePorts.isFree(FreePorts.pick())).isTrue();
    }
}
