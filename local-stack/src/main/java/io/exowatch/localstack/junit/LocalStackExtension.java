package io.exowatch.localstack.junit;

import io.exowatch.localstack.LocalStack;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one {@link LocalStack} per test JVM and injects it into test methods, constructors and lifecycle
 * methods that declare a {@code LocalStack} parameter. The stack starts lazily, on the first test that asks
 * for it, with free ports and temporary directories; it is closed when the JUnit run ends (through the root
 * extension store) or, failing that, at JVM exit.
 *
 * <p>Kafka and the schema registry always run. OpenSearch starts only once a test needs it: a test
 * annotated {@link EmbeddedStack @EmbeddedStack(openSearch = false)} does not, one annotated
 * {@code @EmbeddedStack} or registered with plain {@code @ExtendWith(LocalStackExtension.class)} does. A
 * later test needing OpenSearch adds the node to the running stack, so a module whose tests never ask for
 * it never pays for it. Tests isolate themselves by names ({@link UniqueNames#uniqueName(String)}), not by
 * stacks: never close the injected stack.
 */
public final class LocalStackExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static final Object LOCK = new Object();

    private static LocalStack shared;
    private static boolean shutdownHookAdded;

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        final LocalStack stack = sharedStack(needsOpenSearch(extensionContext));
        extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStackCloser.class, key -> new SharedStackCloser(), SharedStackCloser.class);
        return stack;
    }

    /**
     * The stack of this JVM, started on first use, with OpenSearch added when {@code openSearch} asks for it
     * and it is not running yet. For code that cannot take a parameter; it is closed at JVM exit.
     */
    public static LocalStack sharedStack(boolean openSearch) {
        synchronized (LOCK) {
            if (shared == null) {
                LOG.info("Starting the shared test stack (OpenSearch {})", openSearch ? "on" : "off until needed");
                shared = LocalStack.builder().freePorts().withOpenSearch(openSearch).start();
                addShutdownHookOnce();
            } else if (openSearch && !shared.hasOpenSearch()) {
                LOG.info("Adding OpenSearch to the shared test stack");
                shared.startOpenSearch();
            }
            return shared;
        }
    }

    private static boolean needsOpenSearch(ExtensionContext context) {
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            final Optional<EmbeddedStack> annotation =
                    AnnotationSupport.findAnnotation(current.getElement(), EmbeddedStack.class);
            if (annotation.isPresent()) {
                return annotation.get().openSearch();
            }
        }
        return true;
    }

    private static void closeShared() {
        synchronized (LOCK) {
            if (shared != null) {
                final LocalStack stack = shared;
                shared = null;
                stack.close();
            }
        }
    }

    private static void addShutdownHookOnce() {
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(LocalStackExtension::closeShared, "local-stack-shutdown"));
            shutdownHookAdded = true;
        }
    }

    /** Closes the shared stack when JUnit closes its root store at the end of the run. */
    private static final class SharedStackCloser implements AutoCloseable {
        @Override
        public void close() {
            closeShared();
        }
    }
}
