package dev.shirase;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

import dev.shirase.delivery.DeliveryRuntime;
import dev.shirase.delivery.DeliverySettings;
import dev.shirase.settings.Settings;
import dev.shirase.store.Durability;
import dev.shirase.store.Store;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PluginHelper;

/**
 * The composition root, run by Camel before any route is loaded (camel.main.configuration-classes), so the routes
 * load the same under {@code java -jar}, the tests and Camel JBang: opens the store, makes the delivery backbone,
 * binds the routes' beans ({@link Beans}) and installs the start and stop order ({@link Lifecycle}). With
 * {@code shirase.cluster.enabled}, Quartz runs clustered on the shared PostgreSQL.
 */
public class Backbone implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        StartLog.warnOfIgnoredPortVariables(System.getenv());
        StartLog.warnOfRetiredWordingVariables(System.getenv());
        PropertiesComponent p = context.getPropertiesComponent();
        IdleRoutes idle = new IdleRoutes(context);
        ((ModelCamelContext) context).setRouteFilter(idle);
        boolean cluster = Boolean.parseBoolean(Settings.get(p, "shirase.cluster.enabled", "false"));
        String url = Settings.get(p, "shirase.store.url", "jdbc:sqlite:./data/shirase.db");
        if (cluster && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("shirase.cluster.enabled=true needs a PostgreSQL store shared by all"
                    + " replicas: set shirase.store.url to a jdbc:postgresql: URL");
        }
        // the pool and the migrations on a thread of their own while the routes are built (~0.3 s of the start)
        Store store = Store.openInBackground(url, Settings.get(p, "shirase.store.username", ""),
                Settings.get(p, "shirase.store.password", ""),
                Integer.parseInt(Settings.get(p, "shirase.store.pool-size", "10")),
                Durability.of(Settings.get(p, "shirase.store.durability", "process-crash")),
                Settings.duration(p, "shirase.store.wait", "1s"));
        DeliverySettings delivery = DeliverySettings.from(p, Settings.get(p, "shirase.cluster.node-id", defaultNodeId()));
        DeliveryRuntime runtime = new DeliveryRuntime(store.jdbc(), delivery, cluster,
                Settings.duration(p, "shirase.dedupe.retention", "30d").toMillis());
        Beans beans = new Beans(context, store, runtime);
        PluginHelper.getBeanPostProcessor(context).postProcessBeforeInitialization(beans, "shiraseBeans");
        if (cluster) {
            ClusterQuartz.configure(context, url, delivery.nodeId());
        }
        new Lifecycle(context, store, runtime, beans, idle).install();
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "shirase";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
