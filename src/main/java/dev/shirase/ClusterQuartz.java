package dev.shirase;

import java.util.Properties;

import dev.shirase.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.PropertiesComponent;

/** Quartz on a clustered JDBC job store in the shared PostgreSQL: each scheduled run fires on one replica. */
final class ClusterQuartz {

    private ClusterQuartz() {
    }

    static void configure(CamelContext context, String url, String nodeId) {
        PropertiesComponent p = context.getPropertiesComponent();
        Properties quartz = new Properties();
        quartz.put("org.quartz.scheduler.instanceName", "shirase");
        quartz.put("org.quartz.scheduler.instanceId", instanceId(nodeId));
        quartz.put("org.quartz.threadPool.threadCount", "4");
        quartz.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.put("org.quartz.jobStore.dataSource", "shirase");
        quartz.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        quartz.put("org.quartz.jobStore.isClustered", "true");
        quartz.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
        // a tick more than a second late (the database was down, every replica stopped) is a misfire, and a cron
        // trigger's misfire fires once when it can: not once per missed tick, four identical posts in a row
        quartz.put("org.quartz.jobStore.misfireThreshold", "1000");
        quartz.put("org.quartz.dataSource.shirase.provider", "hikaricp");
        quartz.put("org.quartz.dataSource.shirase.driver", "org.postgresql.Driver");
        quartz.put("org.quartz.dataSource.shirase.URL", url);
        quartz.put("org.quartz.dataSource.shirase.user", Settings.get(p, "shirase.store.username", ""));
        quartz.put("org.quartz.dataSource.shirase.password", Settings.get(p, "shirase.store.password", ""));
        quartz.put("org.quartz.dataSource.shirase.maxConnections", "4");
        context.getComponent("quartz", QuartzComponent.class).setProperties(quartz);
    }

    /**
     * This process's name in the shared Quartz tables: the node id and a random part. Quartz's own AUTO id is the
     * host name and the start millisecond, so two replicas started at once on one host could share it; the second
     * one's first check-in then takes the first one's acquired triggers for a crashed instance's and fires them again.
     */
    static String instanceId(String nodeId) {
        return nodeId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
