package shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Looks up accounts: with a planted SQL injection. */
public final class Accounts {

    private final Connection connection;

    private int lookups;

    /**
     * Reads accounts through a connection.
     *
     * @param connection the database connection
     */
    public Accounts(final Connection connection) {
        this.connection = connection;
    }

    /**
     * Finds the balance of an account by its owner's name.
     *
     * @param owner the owner's name, as typed by a user
     * @return the balance, or -1 when there is none
     * @throws SQLException when the query fails
     */
    public long balance(final String owner) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT balance FROM accounts WHERE owner = '" + owner + "'")) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }
}
