package dev.shirase.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Runs one SQL statement: the little the store's DAOs need. Reads run on a pooled connection; writes go through
 * the store's {@link GroupCommit} (each is committed when the call returns).
 */
public final class Jdbc {

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final GroupCommit writes;

    public Jdbc(DataSource dataSource, GroupCommit writes) {
        this.dataSource = dataSource;
        this.writes = writes;
    }

    public int update(String sql, Object... args) {
        try {
            return writes.write(c -> {
                try (PreparedStatement s = prepare(c, sql, args)) {
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    /**
     * Updates a row, or inserts it when there is none; portable (H2 and PostgreSQL have no common upsert). Should
     * another writer insert it in between, the update is applied to that row.
     */
    public void updateOrInsert(String update, Object[] updateArgs, String insert, Object[] insertArgs) {
        if (update(update, updateArgs) == 0 && !insertIfAbsent(insert, insertArgs)) {
            update(update, updateArgs);
        }
    }

    /** Inserts a row; false when its key exists already (a duplicate key is not an error here). */
    public boolean insertIfAbsent(String insert, Object... args) {
        try {
            update(insert, args);
            return true;
        } catch (StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
            return false;
        }
    }

    /** Inserts a row and returns its generated id. */
    public long insert(String sql, Object... args) {
        try {
            return writes.write(c -> {
                try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
                    bind(s, args);
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args);
                ResultSet rs = s.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    public long count(String sql, Object... args) {
        List<Long> result = query(sql, rs -> rs.getLong(1), args);
        return result.isEmpty() ? 0 : result.get(0);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        bind(s, args);
        return s;
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    /** A failed statement; SQLState 23xxx is a constraint violation (a duplicate key). */
    public static final class StoreException extends RuntimeException {
        private final String sqlState;

        StoreException(String sql, SQLException cause) {
            super("store statement failed: " + cause.getMessage() + " [" + sql.strip().split("\\s+", 2)[0] + "]",
                    cause);
            this.sqlState = cause.getSQLState();
        }

        public boolean isDuplicateKey() {
            return sqlState != null && sqlState.startsWith("23");
        }
    }
}
