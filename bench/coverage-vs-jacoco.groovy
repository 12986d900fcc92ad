// Run by bench/coverage-vs-jacoco.sh under the JaCoCo agent: real work for Groovy (this script is parsed,
// compiled and run by it) and for Byte Buddy (a class made, loaded and called), so both record coverage.
import net.bytebuddy.ByteBuddy
import net.bytebuddy.implementation.FixedValue
import static net.bytebuddy.matcher.ElementMatchers.named

def made = new ByteBuddy().subclass(Object).name('bench.Made')
        .method(named('toString')).intercept(FixedValue.value('made by Byte Buddy'))
        .make().load(getClass().classLoader).loaded
assert made.getDeclaredConstructor().newInstance().toString() == 'made by Byte Buddy'
def words = ['maven', 'groovy', 'byte', 'buddy'].collectEntries { [it, it.size()] }
println "${made.simpleName}: ${words.findAll { it.value > 4 }.keySet().sort().join(', ')}"
