package io.exowatch.localstack.internal;

import java.util.Arrays;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.CompositeFilter;

/**
 * Drops one log line of the embedded broker that is not an error: with transactions v2 (KIP-890),
 * a transactional producer's second in-flight batch of a new transaction can reach a partition
 * before the first one is verified, and the broker refuses it with a retriable
 * {@link OutOfOrderSequenceException} ("Expected sequence 0 for transactions v2 idempotent producer
 * with no existing state", KAFKA-18202) that the producer retries at once. {@code ReplicaManager}
 * logs every such refusal at ERROR with a stack trace, a dozen of them each time the enrich
 * application starts its first transactions. Every other line of that logger passes.
 */
public final class RetriedSequenceLogFilter extends AbstractFilter {

    /** The broker logger that reports refused appends. */
    public static final String LOGGER = "kafka.server.ReplicaManager";
    private static final String RETRIED = "for transactions v2 idempotent producer with no existing state";

    /** A filter denying the refusal and passing everything else; {@link #install()} adds one where it belongs. */
    RetriedSequenceLogFilter() {
        super(Filter.Result.DENY, Filter.Result.NEUTRAL);
    }

    /**
     * Adds the filter to the logger configuration that serves {@link #LOGGER}, once, when Log4j 2
     * Core is the logging implementation; otherwise does nothing.
     */
    public static synchronized void install() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        final LoggerConfig config = context.getConfiguration().getLoggerConfig(LOGGER);
        final Filter present = config.getFilter();
        if (present instanceof RetriedSequenceLogFilter || present instanceof CompositeFilter composite
                && Arrays.stream(composite.getFiltersArray()).anyMatch(RetriedSequenceLogFilter.class::isInstance)) {
            return;
        }
        config.addFilter(new RetriedSequenceLogFilter());
        context.updateLoggers();
    }

    /** Whether {@code event} is the broker refusing a batch that the producer will retry (see the class comment). */
    static boolean isRetriedSequenceRefusal(final LogEvent event) {
        return LOGGER.equals(event.getLoggerName())
                && event.getThrown() instanceof OutOfOrderSequenceException refused
                && refused.getMessage() != null && refused.getMessage().contains(RETRIED);
    }

    @Override
    public Filter.Result filter(final LogEvent event) {
        return isRetriedSequenceRefusal(event) ? onMatch : onMismatch;
    }
}
