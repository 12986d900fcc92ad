package demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A ledger of amounts in cents, kept in a text file: the code under test of the sample project. */
public class Ledger {
    private final List<Long> entries = new ArrayList<>();

    public void record(long cents) {
        entries.add(cents);
    }

    public long balance() {
        return entries.stream().mapToLong(Long::longValue).sum();
    }

    public void save(Path file) throws IOException {
        Files.write(file, entries.stream().map(String::valueOf).toList());
    }

    public static Ledger load(Path file) throws IOException {
        Ledger ledger = new Ledger();
        Files.readAllLines(file).forEach(line -> ledger.record(Long.parseLong(line)));
        return ledger;
    }
}
