package dev.readiness.check;

/**
 * Where a check reports progress: the Maven log in the plugin, anything in tests.
 *
 * @since 0.1.0
 */
public interface CheckLog {
    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A log that drops everything. */
    static CheckLog silent() {
        return new CheckLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void debug(String message) {
            }
        };
    }
}
