package shop;

/** Builds greetings. */
public final class Greeting {

    private Greeting() {
    }

    /**
     * Greets someone.
     *
     * @param name who is greeted
     * @return the greeting
     */
    public static String of(final String name) {
        return "Hello, " + name;
    }
}
