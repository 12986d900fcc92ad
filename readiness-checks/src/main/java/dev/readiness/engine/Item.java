package dev.readiness.engine;

import java.util.List;

/**
 * One line of the checklist: {@code - [ ] Test coverage meets minimum threshold (>80%)}.
 *
 * @param key      a stable slug of the text, unique in the checklist
 * @param section  the nearest heading above the item, or "" when there is none
 * @param text     the item's text without the checkbox and without readiness markers
 * @param ticked   whether the team ticked it in the file ({@code - [x]})
 * @param markers  check ids named by {@code <!-- readiness: id -->} markers in the line
 * @param line     the line number in the checklist file, 0 for the built-in catalog
 * @param headings the headings it stands under, outermost first (the checklist's title left out); the last is its section
 */
public record Item(String key, String section, String text, boolean ticked, List<String> markers, int line, List<String> headings) {

    /** The most words a role such as "(Engineering Lead)" has. */
    private static final int ROLE_WORDS = 4;

    public Item {
        markers = List.copyOf(markers);
        headings = List.copyOf(headings);
    }

    /** An item under one heading, its section. */
    public Item(String key, String section, String text, boolean ticked, List<String> markers, int line) {
        this(key, section, text, ticked, markers, line, section.isEmpty() ? List.of() : List.of(section));
    }

    /**
     * Who may attest it when the checklist says, as a role in parentheses at the end of its text:
     * "Engineering sign-off (Engineering Lead)"; {@code null} otherwise. A role is up to four
     * capitalised words, so "(>80%)" and "(email, Slack, PagerDuty)" are not roles.
     */
    public String attester() {
        String trimmed = text.strip();
        int open = trimmed.lastIndexOf('(');
        if (!trimmed.endsWith(")") || open < 0) {
            return null;
        }
        String inner = trimmed.substring(open + 1, trimmed.length() - 1).strip();
        String[] words = inner.split(" +");
        if (inner.isEmpty() || words.length > ROLE_WORDS) {
            return null;
        }
        for (String word : words) {
            if (!Character.isUpperCase(word.codePointAt(0)) || !word.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '&')) {
                return null;
            }
        }
        return inner;
    }
}
