package dev.shirase.store;

import java.util.Locale;

/**
 * What an acknowledged write survives (shirase.store.durability). On the embedded store: PROCESS_CRASH commits
 * to SQLite's write-ahead log with synchronous=NORMAL (the commit is in the operating system before the caller
 * hears of it, so kill -9 loses nothing; the log is fsynced at checkpoints); POWER_LOSS adds an fsync of the log
 * per commit (synchronous=FULL), one per group of writes. PostgreSQL follows its own synchronous_commit.
 */
public enum Durability {
    PROCESS_CRASH("process-crash", "a crash of the process", "NORMAL", 1),
    POWER_LOSS("power-loss", "a power loss", "FULL", 2);

    private final String setting;
    private final String survives;
    private final String sqliteSynchronous;
    private final int sqliteSynchronousLevel;

    Durability(String setting, String survives, String sqliteSynchronous, int sqliteSynchronousLevel) {
        this.setting = setting;
        this.survives = survives;
        this.sqliteSynchronous = sqliteSynchronous;
        this.sqliteSynchronousLevel = sqliteSynchronousLevel;
    }

    public static Durability of(String setting) {
        for (Durability d : values()) {
            if (d.setting.equals(setting.strip().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("shirase.store.durability must be process-crash or power-loss, not '"
                + setting + "'");
    }

    public String setting() {
        return setting;
    }

    String survives() {
        return survives;
    }

    String sqliteSynchronous() {
        return sqliteSynchronous;
    }

    int sqliteSynchronousLevel() {
        return sqliteSynchronousLevel;
    }
}
