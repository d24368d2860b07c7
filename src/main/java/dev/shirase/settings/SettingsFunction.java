package dev.shirase.settings;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;

/** A {@code {{name:...}}} placeholder function over Shirase's settings, read when a route is built. */
public abstract class SettingsFunction implements PropertiesFunction, CamelContextAware {

    private CamelContext camelContext;

    /** The settings: application.properties, overridden by the environment. */
    protected PropertiesComponent settings() {
        return camelContext.getPropertiesComponent();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
