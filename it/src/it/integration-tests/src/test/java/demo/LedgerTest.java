package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LedgerTest {
    @Test
    void balancesCreditsAndDebits() {
        Ledger ledger = new Ledger();
        ledger.record(1250);
        ledger.record(-300);
        assertEquals(950, ledger.balance());
    }
}
