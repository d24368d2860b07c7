package dev.shirase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log: one line per event on stdout, as container platforms expect ({@code 2024-05-21T10:00:00.000Z INFO  [main]
 * Store - Store ready: ...}, an exception's stack trace on the lines after). Everything logs through the JDK's
 * java.util.logging: Camel, Vert.x and the other libraries through SLF4J's JDK binding. Levels: INFO, and
 * {@code LOG_LEVEL} (TRACE, DEBUG, INFO, WARN, ERROR, OFF) for Shirase's own classes; {@code shirase.quiet=ERROR}
 * (set by {@code bin/shirase check}) leaves errors only.
 */
public final class LogLines extends Handler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());
    private static final Map<String, Level> LEVELS = Map.of("TRACE", Level.FINEST, "DEBUG", Level.FINE, "INFO",
            Level.INFO, "WARN", Level.WARNING, "ERROR", Level.SEVERE, "OFF", Level.OFF, "ALL", Level.ALL);
    /** Held here: the JDK keeps loggers weakly, and a level set on one that is collected would be lost. */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger SHIRASE = Logger.getLogger("dev.shirase");
    private static boolean configured;
    /**
     * Libraries that tell at INFO what Shirase says in one line of its own (the store is ready, a flow is or is not
     * started): at WARN, so the start log fits on a screen. LOG_LEVEL=DEBUG or TRACE lets them speak again.
     */
    private static final java.util.List<Logger> CHATTY = java.util.stream.Stream.of("org.flywaydb", "com.zaxxer.hikari",
            "org.quartz", "org.apache.camel.component.quartz", "org.apache.camel.component.platform.http.main",
            "org.apache.camel.support.LifecycleStrategySupport", "org.apache.camel.component.micrometer.prometheus")
            .map(Logger::getLogger).toList();

    /**
     * Puts this handler in place of the JDK's default one (two lines per event, on stderr) and sets the levels; once
     * per JVM, leaving any other handler (a test's) where it is.
     */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        for (Handler handler : ROOT.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                ROOT.removeHandler(handler);
            }
        }
        ROOT.addHandler(new LogLines());
        String quiet = System.getProperty("shirase.quiet");
        String wanted = quiet != null ? quiet : System.getenv().getOrDefault("LOG_LEVEL", "INFO");
        Level shirase = LEVELS.get(wanted.trim().toUpperCase(Locale.ROOT));
        ROOT.setLevel(quiet != null && shirase != null ? shirase : Level.INFO);
        SHIRASE.setLevel(shirase != null ? shirase : Level.INFO);
        if (shirase == null || shirase.intValue() >= Level.INFO.intValue()) {
            CHATTY.forEach(logger -> logger.setLevel(Level.WARNING));
        }
        if (shirase == null) {
            SHIRASE.warning(() -> "LOG_LEVEL=" + wanted + " is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF);"
                    + " logging at INFO");
        }
    }

    /** The level as SLF4J names it: ERROR, WARN, INFO, DEBUG, TRACE. */
    public static String levelName(Level level) {
        int value = level.intValue();
        return value >= Level.SEVERE.intValue() ? "ERROR" : value >= Level.WARNING.intValue() ? "WARN"
                : value >= Level.INFO.intValue() ? "INFO" : value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    @Override
    public void publish(LogRecord event) {
        if (!isLoggable(event)) {
            return;
        }
        String name = event.getLoggerName() == null ? "" : event.getLoggerName();
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(Instant.ofEpochMilli(event.getMillis()))).append(' ')
                .append(String.format("%-5s", levelName(event.getLevel())))
                .append(" [").append(Thread.currentThread().getName()).append("] ")
                .append(name.substring(name.lastIndexOf('.') + 1)).append(" - ")
                .append(text(event));
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        System.out.println(line);
    }

    /** The event's text: as given (SLF4J formats its own), or with {0} parameters (the JDK's own loggers) filled in. */
    public static String text(LogRecord event) {
        String text = event.getMessage();
        Object[] parameters = event.getParameters();
        if (text == null || parameters == null || parameters.length == 0) {
            return String.valueOf(text);
        }
        try {
            return java.text.MessageFormat.format(text, parameters);
        } catch (IllegalArgumentException notAPattern) {
            return text;
        }
    }

    /**
     * The JDK's log manager, except that it keeps its handlers while the JVM exits: the JDK closes them from a shutdown
     * hook of its own that runs beside Camel's, and the lines of Camel's graceful shutdown were lost. Named by
     * {@code -Djava.util.logging.manager} in bin/shirase, so it is in place before anything logs.
     */
    public static final class KeptAtExit extends java.util.logging.LogManager {
        @Override
        public void reset() {
            if (!exiting()) {
                super.reset();
            }
        }

        private static boolean exiting() {
            Thread probe = new Thread(() -> { });
            try {
                Runtime.getRuntime().addShutdownHook(probe);
                Runtime.getRuntime().removeShutdownHook(probe);
                return false;
            } catch (IllegalStateException shutdownInProgress) {
                return true;
            }
        }
    }

    @Override
    public void flush() {
        System.out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
