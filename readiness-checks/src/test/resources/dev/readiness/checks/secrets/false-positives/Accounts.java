package shop;

final class Accounts {
    private static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";
    private static final String TOKEN_HEADER = "Authorization";

    boolean isKey(String pem) {
        String password = System.getenv("DB_PASSWORD");
        String apiKey = config.get("api.key.2024.rotation");
        if (token == null || passwordEncoder.matches(password, stored)) {
            return false;
        }
        return pem.startsWith(PEM_HEADER);
    }
}
