package io.exowatch.localstack.internal;

import java.util.List;
import java.util.Map;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * An OpenSearch node that runs inside another application: plugins come from the classpath (HTTP and
 * transport over Netty 4, the common analysers) instead of a plugins directory, and the log4j node-id
 * listener, which assumes OpenSearch owns the logging configuration, is not installed.
 */
public final class OpenSearchNode extends Node {

    /** A node with {@code settings} (which must set {@code path.home}). */
    public OpenSearchNode(Settings settings) {
        super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "exowatch-local"),
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class), true);
    }

    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
        // OpenSearch's listener writes node and cluster ids into its own log4j setup; the host application owns
        // logging here.
    }
}
