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
    private final StoreOutage outage;

    public Jdbc(DataSource dataSource, GroupCommit writes) {
        this(dataSource, writes, new StoreOutage());
    }

    /** Statements on the store, reporting to its one outage tracker. */
    Jdbc(DataSource dataSource, GroupCommit writes, StoreOutage outage) {
        this.dataSource = dataSource;
        this.writes = writes;
        this.outage = outage;
    }

    public int update(String sql, Object... args) {
        return write(c -> execute(c, sql, args), sql);
    }

    /** Runs several statements as one write: all of them are committed together, or none. */
    public <T> T write(GroupCommit.Write<T> statements) {
        return write(statements, "write");
    }

    private <T> T write(GroupCommit.Write<T> statements, String what) {
        try {
            T result = writes.write(statements);
            outage.answered();
            return result;
        } catch (SQLException e) {
            outage.failed(e);
            throw new StoreException(what, e);
        }
    }


    /** One statement inside a {@link #write}: the number of rows it changed. */
    public static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        }
    }

    /** One insert inside a {@link #write}: the id it generated. */
    public static long insertReturningId(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            bind(s, args);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Updates a row, or inserts it when there is none; portable (the same SQL on SQLite and PostgreSQL). Should
     * another writer insert it in between, the update is applied to that row.
     */
    public void updateOrInsert(String update, Object[] updateArgs, String insert, Object[] insertArgs) {
        if (update(update, updateArgs) == 0 && !insertIfAbsent(insert, insertArgs)) {
            update(update, updateArgs);
        }
    }

    /** Inserts a row; false when its key exists already (a duplicate key is not an error here). */
    public boolean insertIfAbsent(String insert, Object... args) {
        return update(insert + " ON CONFLICT DO NOTHING", args) == 1;
    }

    /** Inserts a row and returns its generated id. */
    public long insert(String sql, Object... args) {
        return write(c -> insertReturningId(c, sql, args), sql);
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args);
                ResultSet rs = s.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            outage.answered();
            return result;
        } catch (SQLException e) {
            outage.failed(e);
            throw new StoreException(sql, e);
        }
    }

    /** A nullable BIGINT column: drivers answer 0 for NULL, so ask right after reading it. */
    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
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

    /** A failed statement or write: the store is unavailable (down, disk full, read-only). */
    public static final class StoreException extends RuntimeException {
        StoreException(String sql, SQLException cause) {
            super("store statement failed: " + cause.getMessage() + " [" + sql.strip().split("\\s+", 2)[0] + "]",
                    cause);
        }
    }
}
