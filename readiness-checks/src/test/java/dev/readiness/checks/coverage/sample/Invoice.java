package dev.readiness.checks.coverage.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A sample the coverage tests instrument with JaCoCo and run: a loop, branches, and an anonymous
 * class declared on a line the constructor also runs, so JaCoCo counts that line once per source file.
 */
public class Invoice {

    private final List<Integer> amounts = new ArrayList<>();
    private final Comparator<Integer> order = new Comparator<Integer>() {
        @Override
        public int compare(Integer a, Integer b) {
            return Integer.compare(a, b);
        }
    };

    public void add(int amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        amounts.add(amount);
    }

    public int total() {
        int sum = 0;
        for (int amount : amounts) {
            sum += amount;
        }
        return sum;
    }

    public int largest() {
        return amounts.stream().max(order).orElse(0);
    }

    public String describe() {
        if (amounts.isEmpty()) {
            return "empty";
        }
        return amounts.size() == 1 ? "1 item" : amounts.size() + " items";
    }
}
