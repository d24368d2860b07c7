package dev.shirase.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.shirase.LogLines;

/**
 * Collects every log line (with its exception) the runtime writes, so tests can check what ops would see: "LEVEL
 * logger - message | cause | cause...", with the levels as the log shows them (ERROR, WARN, INFO...).
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    public static LogCapture attach() {
        LogLines.configure(); // the runtime's levels, as when it starts
        LogCapture capture = new LogCapture();
        ROOT.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord event) {
        StringBuilder line = new StringBuilder()
                .append(LogLines.levelName(event.getLevel())).append(' ')
                .append(event.getLoggerName()).append(" - ")
                .append(LogLines.text(event));
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String all() {
        return String.join("\n", lines);
    }

    public void clear() {
        lines.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROOT.removeHandler(this);
    }
}
