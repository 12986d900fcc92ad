package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run by Failsafe (the name ends in IT): the ledger survives a round trip through the file system. */
class LedgerIT {
    @Test
    void keepsItsBalanceAcrossASaveAndALoad(@TempDir Path folder) throws Exception {
        Ledger ledger = new Ledger();
        ledger.record(1250);
        ledger.record(-300);
        Path file = folder.resolve("ledger.txt");
        ledger.save(file);
        assertEquals(950, Ledger.load(file).balance());
    }
}
