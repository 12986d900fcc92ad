package dev.readiness.checks.openapi;

/** JSON pointers (RFC 6901) into a spec: {@code /paths/~1pets~1{petId}/get/parameters/0/schema}. */
final class Pointers {

    private Pointers() {
    }

    /** One reference token, with {@code ~} and {@code /} escaped. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
