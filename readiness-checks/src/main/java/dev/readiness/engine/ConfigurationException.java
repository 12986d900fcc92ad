package dev.readiness.engine;

/**
 * Broken configuration: an unknown check or parameter, an ill-typed value, an unreadable
 * checklist. Raised before any check runs; the message names the offending word and lists the
 * valid choices, in one line whatever it quotes from the configuration: a line break or other
 * control character there is shown escaped as Java writes it in a string ({@code \n}, {@code \t}). The plugin turns it into a
 * {@code MojoExecutionException}.
 */
public class ConfigurationException extends Exception {
    public ConfigurationException(String message) {
        super(oneLine(message));
    }

    public ConfigurationException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** The message with each control character and line or paragraph separator escaped, Java style. */
    private static String oneLine(String message) {
        String text = String.valueOf(message);
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.toString();
    }
}
