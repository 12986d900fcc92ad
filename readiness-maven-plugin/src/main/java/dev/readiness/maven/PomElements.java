package dev.readiness.maven;

import dev.readiness.engine.ConfigElement;
import dev.readiness.engine.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The POM's free-form elements ({@code <checks>}, {@code <http>}) as the engine's {@link ConfigElement}s,
 * with expressions ({@code ${env.TOKEN}}, {@code ${project.basedir}}) evaluated as Maven does for typed parameters.
 */
final class PomElements {

    private final MavenSession session;
    private final MojoExecution mojoExecution;

    PomElements(MavenSession session, MojoExecution mojoExecution) {
        this.session = session;
        this.mojoExecution = mojoExecution;
    }

    /** The children of an element, each converted; none when the element is not configured. */
    List<ConfigElement> children(PlexusConfiguration configuration) throws ConfigurationException {
        List<ConfigElement> children = new ArrayList<>();
        if (configuration != null) {
            for (PlexusConfiguration child : configuration.getChildren()) {
                children.add(element(child));
            }
        }
        return children;
    }

    ConfigElement element(PlexusConfiguration configuration) throws ConfigurationException {
        String value = configuration.getChildCount() == 0 ? evaluate(configuration.getValue(null)) : null;
        return new ConfigElement(configuration.getName(), value == null ? null : value.trim(), children(configuration));
    }

    private String evaluate(String raw) throws ConfigurationException {
        if (raw == null || !raw.contains("${")) {
            return raw;
        }
        try {
            Object value = new PluginParameterExpressionEvaluator(session, mojoExecution).evaluate(raw);
            return value == null ? null : String.valueOf(value);
        } catch (ExpressionEvaluationException e) {
            throw new ConfigurationException("cannot evaluate '" + raw + "': " + e.getMessage());
        }
    }
}
