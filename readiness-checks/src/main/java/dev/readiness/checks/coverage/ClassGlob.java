package dev.readiness.checks.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A glob on class names, written with slashes or dots ({@code com/acme/generated/**},
 * {@code com.acme.Foo*}) and matched against JVM class names ({@code com/acme/Foo$Inner}), in the
 * manner of jacoco-maven-plugin's excludes: {@code *} and {@code ?} stay within a package,
 * {@code **} crosses packages, {@code **}{@code /} also matches no package at all, and a trailing
 * {@code .class} is ignored. A glob holding a character that no class name has is rejected.
 *
 * <p>Matching walks the name once per glob element, keeping the set of positions reached, so it
 * takes time proportional to the glob's length times the name's, never the exponential time a
 * backtracking regular expression takes on {@code **a**a**a**a**Z}.
 */
final class ClassGlob {

    private static final String NOT_IN_CLASS_NAMES = ";[]<>\\{}";

    /** One element of a glob. */
    private enum Kind { LITERAL, ONE_CHAR, STAR, DOUBLE_STAR, PACKAGES }

    private record Element(Kind kind, char literal) {
    }

    private final List<Element> elements;

    private ClassGlob(List<Element> elements) {
        this.elements = elements;
    }

    /** A predicate on JVM class names that is true when any of the globs matches. */
    static Predicate<String> anyOf(List<String> globs) {
        List<ClassGlob> compiled = globs.stream().map(ClassGlob::compile).toList();
        return name -> compiled.stream().anyMatch(glob -> glob.matches(name));
    }

    /** Whether the whole JVM class name matches. */
    boolean matches(String name) {
        int n = name.length();
        boolean[] reached = new boolean[n + 1];
        reached[0] = true;
        for (Element element : elements) {
            boolean[] next = new boolean[n + 1];
            boolean reachedBefore = false;
            for (int j = 0; j <= n; j++) {
                char previous = j > 0 ? name.charAt(j - 1) : 0;
                next[j] = switch (element.kind()) {
                    case LITERAL -> j > 0 && reached[j - 1] && previous == element.literal();
                    case ONE_CHAR -> j > 0 && reached[j - 1] && previous != '/';
                    case STAR -> reached[j] || j > 0 && next[j - 1] && previous != '/';
                    case DOUBLE_STAR -> reached[j] || j > 0 && next[j - 1];
                    case PACKAGES -> reached[j] || previous == '/' && reachedBefore;
                };
                reachedBefore |= reached[j];
            }
            reached = next;
        }
        return reached[n];
    }

    /**
     * Compiles one glob.
     *
     * @throws IllegalArgumentException naming the glob and what is wrong with it
     */
    static ClassGlob compile(String glob) {
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
        List<Element> elements = new ArrayList<>();
        int i = 0;
        while (i < slashed.length()) {
            char c = slashed.charAt(i);
            if (slashed.startsWith("**/", i)) {
                elements.add(new Element(Kind.PACKAGES, c));
                i += 3;
            } else if (slashed.startsWith("**", i)) {
                elements.add(new Element(Kind.DOUBLE_STAR, c));
                i += 2;
            } else {
                elements.add(new Element(c == '*' ? Kind.STAR : c == '?' ? Kind.ONE_CHAR : Kind.LITERAL, c));
                i++;
            }
        }
        return new ClassGlob(List.copyOf(elements));
    }
}
