package io.exowatch.localstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.filter.CompositeFilter;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

class RetriedSequenceLogFilterTest {

    private static final String RETRIED = "Invalid sequence number for producer 1 at offset 2 in partition trials-enriched-2:"
            + " 1 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent producer with no existing state.";

    private static LogEvent event(final String logger, final Throwable thrown) {
        return Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(Level.ERROR)
                .setMessage(new SimpleMessage("[ReplicaManager broker=1] Error processing append operation on partition x"))
                .setThrown(thrown).build();
    }

    private static Filter.Result decide(final LogEvent event) {
        return new RetriedSequenceLogFilter().filter(event);
    }

    @Test
    void shouldDropOnlyTheBrokersRetriableTransactionsV2SequenceRefusal() {
        assertThat(decide(event(RetriedSequenceLogFilter.LOGGER, new OutOfOrderSequenceException(RETRIED))))
                .isEqualTo(Filter.Result.DENY);
    }

    @Test
    void shouldInstallItselfOnceOnTheConfigurationThatServesTheBrokerLogger() {
        RetriedSequenceLogFilter.install();
        RetriedSequenceLogFilter.install();

        final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        final Filter installed = context.getConfiguration().getLoggerConfig(RetriedSequenceLogFilter.LOGGER).getFilter();
        final List<Filter> filters = installed instanceof CompositeFilter composite
                ? List.of(composite.getFiltersArray()) : List.of(installed);
        assertThat(filters).filteredOn(RetriedSequenceLogFilter.class::isInstance).hasSize(1);
    }

    @Test
    void shouldLetOtherSequenceErrorsOtherExceptionsAndOtherLoggersThrough() {
        assertThat(decide(event(RetriedSequenceLogFilter.LOGGER, new OutOfOrderSequenceException(
                "Out of order sequence number for producer 7 at offset 9 in partition t-0: 51 (incoming seq. number),"
                        + " 49 (current end sequence number)")))).isEqualTo(Filter.Result.NEUTRAL);
        assertThat(decide(event(RetriedSequenceLogFilter.LOGGER, new IllegalStateException(RETRIED))))
                .isEqualTo(Filter.Result.NEUTRAL);
        assertThat(decide(event(RetriedSequenceLogFilter.LOGGER, null))).isEqualTo(Filter.Result.NEUTRAL);
        assertThat(decide(event("kafka.server.KafkaApis", new OutOfOrderSequenceException(RETRIED))))
                .isEqualTo(Filter.Result.NEUTRAL);
    }
}
