package dev.shirase;

import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.Main;

/**
 * Starts the runtime: ./application.properties for settings, ./routes/*.yaml for the flows.
 */
public final class Shirase {

    private Shirase() {
    }

    /** What the command line takes. */
    static final String USAGE = """
            usage: bin/shirase [command]
              run            start Shirase (the default): ./application.properties, ./routes/, ./templates/
              check [dir]    check the settings, routes and templates of dir (default .) without starting;
                             exits 1 when there is a problem
              version        print the version
              help           print this
            """;

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "check" -> {
                // the check's own lines only: Camel and the beans the route files declare log at INFO and WARN
                System.setProperty("shirase.quiet", "ERROR");
                LogLines.configure();
                System.exit(dev.shirase.check.ConfigCheck.run(args.length > 1 ? args[1] : "."));
            }
            case "version" -> {
                System.out.println("shirase " + version());
                return;
            }
            case "help", "-h", "--help" -> {
                System.out.print(USAGE);
                return;
            }
            case "run" -> {
                // below
            }
            default -> {
                System.err.print("shirase: unknown command '" + command + "'\n" + USAGE);
                System.exit(2); // a CI step with a typo must not pass
            }
        }
        int code;
        try {
            code = create().run(new String[0]);
        } catch (PortInUseException e) {
            System.err.println("shirase: " + e.getMessage());
            code = 1;
        } catch (Exception e) {
            System.err.println("shirase: start-up failed: " + e);
            code = 1;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The version the jar was built as (its manifest's Implementation-Version); "development" from classes. */
    static String version() {
        String version = Shirase.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }

    /** The runtime as started from the command line; tests boot the same one. */
    public static Main create() {
        LogLines.configure();
        // Vert.x serves nothing from the classpath here (the console comes through Camel); without this it makes a
        // vertx-cache-<id> folder in the temp directory per process, which a kill -9 leaves behind
        if (System.getProperty("vertx.disableFileCPResolving") == null) {
            System.setProperty("vertx.disableFileCPResolving", "true");
        }
        Main main = new Main() {
            @Override
            protected void configurePropertiesService(CamelContext context) throws Exception {
                // application.properties is UTF-8 (Japanese labels and field names), not Java's ISO-8859-1
                ((PropertiesComponent) context.getPropertiesComponent()).setEncoding("UTF-8");
                super.configurePropertiesService(context);
            }
        };
        main.setDefaultPropertyPlaceholderLocation("file:application.properties;optional=true");
        main.addMainListener(new PortInUseCheck());
        return main;
    }
}
