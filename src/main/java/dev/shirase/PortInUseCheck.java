package dev.shirase;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Stops start-up with a clear error when the HTTP port is taken. Camel 4.17 only logs a warning and runs
 * on without HTTP, which looks alive to a process supervisor while no webhook can reach it.
 */
class PortInUseCheck extends MainListenerSupport {

    @Override
    public void beforeStart(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        boolean enabled = Boolean.parseBoolean(properties.resolveProperty("camel.server.enabled").orElse("false"));
        if (!enabled) {
            return;
        }
        String host = properties.resolveProperty("camel.server.host").orElse("0.0.0.0");
        int port = Integer.parseInt(properties.resolveProperty("camel.server.port").orElse("8080").trim());
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "). Stop the other process or choose another port with the PORT environment variable.", e);
        }
    }
}
