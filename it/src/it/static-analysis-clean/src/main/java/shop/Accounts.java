package shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Looks up accounts, binding the user's input as a query parameter. */
public final class Accounts {

    private Accounts() {
    }

    /**
     * Finds the balance of an account by its owner's name.
     *
     * @param connection the database connection
     * @param owner the owner's name, as typed by a user
     * @return the balance, or -1 when there is none
     * @throws SQLException when the query fails
     */
    public static long balance(final Connection connection,
            final String owner) throws SQLException {
        String sql = "SELECT balance FROM accounts WHERE owner = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, owner);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }
}
