package dev.readiness.checks.pipeline;

import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds, in a shell script of a pipeline step, a command that runs the Maven build: {@code mvn}, {@code mvnw},
 * {@code ./mvnw}, {@code mvnd} (or their {@code .cmd} forms) with a lifecycle phase that compiles and tests
 * ({@code test}, {@code package}, {@code verify}, {@code install}, {@code deploy}), and not skipping the tests. The
 * script is read word by word, no regular expression runs over it.
 */
final class MavenCommand {

    /** The phases that run the tests: any of them runs the build this check asks for. */
    static final Set<String> PHASES = Set.of("test", "package", "verify", "install", "deploy");
    private static final Set<String> LAUNCHERS = Set.of("mvn", "mvnw", "mvnd", "mvn.cmd", "mvnw.cmd");
    /** The longest script read; a longer one is read up to here. */
    static final int MAX_SCRIPT = 64 * 1024;

    private MavenCommand() {
    }

    /** The first command of the script that runs the Maven build, as one line of at most 200 characters; or {@code null}. */
    static String find(String script) {
        if (script == null) {
            return null;
        }
        String text = script.length() > MAX_SCRIPT ? script.substring(0, MAX_SCRIPT) : script;
        for (String command : commands(text)) {
            List<String> words = words(command);
            for (int i = 0; i < words.size(); i++) {
                if (isLauncher(words.get(i)) && !skipsTests(words.subList(i + 1, words.size()))) {
                    for (int j = i + 1; j < words.size(); j++) {
                        if (PHASES.contains(words.get(j))) {
                            return Words.oneLine(String.join(" ", words.subList(i, words.size())), 200);
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Whether the command skips the tests ({@code -DskipTests}, {@code -Dmaven.test.skip=true}): that builds, but tests nothing. */
    private static boolean skipsTests(List<String> words) {
        for (String word : words) {
            if ((word.startsWith("-DskipTests") || word.startsWith("-Dmaven.test.skip")) && !word.endsWith("=false")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLauncher(String word) {
        String name = word.substring(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).toLowerCase(Locale.ROOT);
        return LAUNCHERS.contains(name);
    }

    /** The commands of a script: lines (a trailing backslash continues one) split at {@code &&}, {@code ||}, {@code ;} and {@code |}. */
    private static List<String> commands(String text) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
                current.append(' ');
                i++;
                if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&') {
                commands.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        commands.add(current.toString());
        return commands;
    }

    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= command.length(); i++) {
            char c = i < command.length() ? command.charAt(i) : ' ';
            if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else if (c != '"' && c != '\'') {
                word.append(c);
            }
        }
        return words;
    }
}
