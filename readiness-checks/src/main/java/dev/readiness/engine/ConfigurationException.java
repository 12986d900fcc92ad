package dev.readiness.engine;

/**
 * Broken configuration: an unknown check or parameter, an ill-typed value, an unreadable
 * checklist. Raised before any check runs; the message names the offending word and lists the
 * valid choices. The plugin turns it into a {@code MojoExecutionException}.
 */
public class ConfigurationException extends Exception {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
