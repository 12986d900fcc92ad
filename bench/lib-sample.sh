# The sample sources the benchmarks build (sourced, not run on its own): `write_sample_sources DIR PACKAGE` writes two
# small classes (Counter, Label) and a JUnit 5 test of each into the Maven module at DIR, in package PACKAGE.
write_sample_sources() {
  local dir=$1 package=$2 path=${2//.//}
  mkdir -p "$dir/src/main/java/$path" "$dir/src/test/java/$path"
  cat > "$dir/src/main/java/$path/Counter.java" <<JAVA
package $package;

public class Counter {
    private int count;

    public int add(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative");
        }
        count += n;
        return count;
    }
}
JAVA
  cat > "$dir/src/main/java/$path/Label.java" <<JAVA
package $package;

public class Label {
    public String of(int n) {
        return n == 1 ? "1 item" : n + " items";
    }
}
JAVA
  cat > "$dir/src/test/java/$path/CounterTest.java" <<JAVA
package $package;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CounterTest {
    @Test
    void adds() {
        assertEquals(3, new Counter().add(3));
    }
}
JAVA
  cat > "$dir/src/test/java/$path/LabelTest.java" <<JAVA
package $package;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelTest {
    @Test
    void countsItems() {
        assertEquals("1 item", new Label().of(1));
        assertEquals("3 items", new Label().of(3));
    }
}
JAVA
}
