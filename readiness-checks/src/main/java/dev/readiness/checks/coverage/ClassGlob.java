package dev.readiness.checks.coverage;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A glob on class names, written with slashes or dots ({@code com/acme/generated/**},
 * {@code com.acme.Foo*}) and matched against JVM class names ({@code com/acme/Foo$Inner}), in the
 * manner of jacoco-maven-plugin's excludes: {@code *} and {@code ?} stay within a package,
 * {@code **} crosses packages, {@code **}{@code /} also matches no package at all, and a trailing
 * {@code .class} is ignored. A glob holding a character that no class name has is rejected.
 */
final class ClassGlob {

    private static final String NOT_IN_CLASS_NAMES = ";[]<>\\{}";

    private ClassGlob() {
    }

    /** A predicate on JVM class names that is true when any of the globs matches. */
    static Predicate<String> anyOf(List<String> globs) {
        if (globs.isEmpty()) {
            return name -> false;
        }
        List<Pattern> patterns = globs.stream().map(ClassGlob::compile).toList();
        return name -> {
            for (Pattern p : patterns) {
                if (p.matcher(name).matches()) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Compiles one glob.
     *
     * @throws IllegalArgumentException naming the glob and what is wrong with it
     */
    static Pattern compile(String glob) {
        String text = glob == null ? "" : glob.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an exclude is empty: write a class-name glob like com/acme/generated/**");
        }
        for (char c : text.toCharArray()) {
            if (NOT_IN_CLASS_NAMES.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("'" + glob + "' is not a class-name glob: '" + c
                        + "' does not occur in class names; use * within a package and ** across packages");
            }
        }
        if (text.contains("***")) {
            throw new IllegalArgumentException("'" + glob + "' is not a class-name glob: *** means nothing; use * or **");
        }
        String slashed = (text.endsWith(".class") ? text.substring(0, text.length() - ".class".length()) : text)
                .replace('.', '/');
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < slashed.length()) {
            char c = slashed.charAt(i);
            if (slashed.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (slashed.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
