package dev.shirase.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * Every write to the store, committed in groups: one writer thread takes the writes queued by all callers, runs
 * them in one transaction (each behind a savepoint, so a failing statement fails only its caller) and commits
 * once. A caller returns when its write is committed, so durability is unchanged; what changes is the price: a
 * durable commit (SQLite's write-ahead log written, and fsynced for power-loss durability; a PostgreSQL WAL flush) costs far more than the
 * statements it makes durable, and under load one commit now covers dozens of webhooks instead of one each.
 */
public final class GroupCommit implements AutoCloseable {

    /** Statements run on the writer's connection, inside its transaction: never commit or roll back here. */
    @FunctionalInterface
    public interface Write<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Queued<T>(Write<T> write, CompletableFuture<T> done) {
    }

    private static final int MAX_GROUP = 256;

    private final DataSource dataSource;
    private final BlockingQueue<Queued<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;

    public GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::run, "shirase-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs the write and returns once it is committed (or throws why it is not). */
    public <T> T write(Write<T> write) throws SQLException {
        if (!open) {
            return writeAlone(write); // after close (the last attempts at shutdown): one transaction each
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        queue.add(new Queued<>(write, done));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the store to commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(e.getCause());
        }
    }

    /** Commits what is queued, then lets later writes commit one by one. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Queued<?>> group = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Queued<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                group.forEach(q -> q.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Queued<?>> group) {
        Object[] results = new Object[group.size()];
        Throwable[] failures = new Throwable[group.size()];
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (int i = 0; i < group.size(); i++) {
                    Savepoint before = connection.setSavepoint();
                    try {
                        results[i] = group.get(i).write().run(connection);
                    } catch (SQLException | RuntimeException e) {
                        undo(connection, before, e);
                        failures[i] = e;
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            // nothing of the group is stored: every caller hears why
            group.forEach(q -> q.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results[i], failures[i]);
        }
    }

    /**
     * Undoes one failed write. Where the database has rolled back the whole transaction itself (SQLite does on a
     * full disk or an I/O error), the group cannot go on: the write's own failure then fails the group.
     */
    private static void undo(Connection connection, Savepoint before, Exception failure) throws SQLException {
        try {
            connection.rollback(before);
        } catch (SQLException gone) {
            failure.addSuppressed(gone);
            throw failure instanceof SQLException sql ? sql : new SQLException(failure.getMessage(), failure);
        }
    }

    /** Rolls back, keeping the failure that caused it as the one reported (the transaction may be gone already). */
    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException alreadyGone) {
            cause.addSuppressed(alreadyGone);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Queued<T> queued, Object result, Throwable failure) {
        if (failure != null) {
            queued.done().completeExceptionally(failure);
        } else {
            queued.done().complete((T) result);
        }
    }

    private <T> T writeAlone(Write<T> write) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = write.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }
}
