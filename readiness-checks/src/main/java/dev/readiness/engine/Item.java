package dev.readiness.engine;

import java.util.List;

/**
 * One line of the checklist: {@code - [ ] Test coverage meets minimum threshold (>80%)}.
 *
 * @param key     a stable slug of the text, unique in the checklist
 * @param section the nearest heading above the item, or "" when there is none
 * @param text    the item's text without the checkbox and without readiness markers
 * @param ticked  whether the team ticked it in the file ({@code - [x]})
 * @param markers check ids named by {@code <!-- readiness: id -->} markers in the line
 * @param line    the line number in the checklist file, 0 for the built-in catalog
 */
public record Item(String key, String section, String text, boolean ticked, List<String> markers, int line) {
    public Item {
        markers = List.copyOf(markers);
    }
}
