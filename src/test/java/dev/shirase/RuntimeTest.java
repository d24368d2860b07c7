package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;

import dev.shirase.support.Fixtures;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** The runtime with the shipped settings and nothing configured: what `java -jar target/shirase.jar` does. */
class RuntimeTest {

    @Test
    void startsWithNoFlowConfiguredAndSaysWhatIsMissing() {
        try (LogCapture log = LogCapture.attach(); RunningShirase shirase = RunningShirase.withDefaults()) {
            HttpResponse<String> health = shirase.get("/observe/health");

            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\"}", health.body().trim());
            assertEquals(ServiceStatus.Stopped, shirase.context().getRouteController().getRouteStatus("clockify-discord"));
            assertEquals(404, shirase.postJson("/clockify", "{}").statusCode());
            assertEquals(1, log.lines().stream().filter(l -> l.contains("Flow clockify-discord is not started")).count());
            assertTrue(log.all().contains("Flow clockify-discord is not started: missing setting "
                    + "clockify.discord-webhook-url (env CLOCKIFY_DISCORD_WEBHOOK_URL)"), log.all());
        }
    }

    @Test
    void webhookUrlThatIsNotHttpKeepsTheFlowStopped() {
        try (LogCapture log = LogCapture.attach();
                RunningShirase shirase = RunningShirase.with("clockify.discord-webhook-url", "discord.com/api/x").start()) {
            assertEquals(ServiceStatus.Stopped, shirase.context().getRouteController().getRouteStatus("clockify-discord"));
            assertTrue(log.all().contains("Flow clockify-discord is not started: setting "
                    + "clockify.discord-webhook-url is not an http(s) URL"), log.all());
        }
    }

    @Test
    void clockifyWithoutItsTokenRefusesEveryRequestNamingTheSettingAndSaysSoAtStartUp() {
        try (StandInServer discord = StandInServer.start(); LogCapture log = LogCapture.attach();
                RunningShirase shirase = RunningShirase.with("clockify.discord-webhook-url",
                        discord.url("/api/webhooks/1/t")).start()) {
            HttpResponse<String> unsigned = shirase.postJson("/clockify",
                    Fixtures.read("clockify/clockify-timer-started.json"));

            assertEquals(503, unsigned.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"not configured: set clockify.webhook-signature (or"
                    + " clockify.allow-unsigned=true behind something that checks callers)\"}", unsigned.body());
            discord.assertNoMoreThan(0, java.time.Duration.ofMillis(500));
            assertEquals(1, linesSaying(log, "Flow clockify-discord refuses every request (503) until"
                    + " clockify.webhook-signature is set (or clockify.allow-unsigned=true)"), log.all());
            // the UiPath webhook has no secret here either: its own line, once
            assertEquals(1, linesSaying(log, "Flow uipath-webhook refuses every request (503) until"
                    + " uipath.webhook-secret is set"), log.all());
        }
    }

    @Test
    void aFlowAllowedToRunUnsignedIsNamedAtStartUp() {
        try (LogCapture log = LogCapture.attach(); RunningShirase shirase = RunningShirase
                .with("clockify.discord-webhook-url", "http://127.0.0.1:9/unused")
                .with("clockify.allow-unsigned", "true").start()) {
            assertEquals(1, linesSaying(log, "Flow clockify-discord accepts UNSIGNED requests"
                    + " (clockify.allow-unsigned=true)"), log.all());
        }
    }

    private static long linesSaying(LogCapture log, String text) {
        return log.lines().stream().filter(line -> line.contains(text)).count();
    }

    @Test
    void whatNoRouteTakesIsRefusedAsJsonWithAReasonAndNoErrorLine() {
        try (LogCapture log = LogCapture.attach(); RunningShirase shirase = RunningShirase
                .with("clockify.discord-webhook-url", "http://127.0.0.1:9/unused")
                .with("clockify.allow-unsigned", "true")
                .with("camel.server.max-body-size", "1000").start()) {
            var wrongMethod = shirase.get("/clockify");
            var wrongType = shirase.send(java.net.http.HttpRequest.newBuilder(shirase.uri("/clockify"))
                    .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                    .build());
            var noSuchPath = shirase.get("/no/such/path?secret=abc");
            var tooLarge = shirase.postJson("/clockify", "{\"id\":\"" + "x".repeat(2000) + "\"}");

            assertEquals(405, wrongMethod.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"this endpoint does not take this method\"}",
                    wrongMethod.body());
            assertEquals(415, wrongType.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"this endpoint does not take this Content-Type\"}",
                    wrongType.body());
            assertEquals(404, noSuchPath.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"no endpoint at this path\"}", noSuchPath.body());
            assertEquals(413, tooLarge.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"body larger than 1000 bytes\"}", tooLarge.body());
            for (var answer : List.of(wrongMethod, wrongType, noSuchPath, tooLarge)) {
                assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
            }
            assertFalse(log.all().contains("ERROR"), log.all());
        }
    }

    @Test
    void healthIsDownWhileARouteIsDown() throws Exception {
        try (RunningShirase shirase = RunningShirase.withDefaults()) {
            shirase.context().getRouteController().stopRoute("discord-send");

            HttpResponse<String> health = shirase.get("/observe/health");

            assertEquals(503, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"DOWN\""), health.body());
        }
    }

    @Test
    void metricsCountWhatWasDeliveredAndWhatIsPending() throws Exception {
        try (StandInServer discord = StandInServer.start();
                RunningShirase shirase = RunningShirase
                        .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/metrics"))
                        .with("clockify.allow-unsigned", "true")
                        .with("shirase.delivery.rate.discord", "0").start()) {
            assertEquals(202, shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-started.json"))
                    .statusCode());
            discord.awaitRequests(1, java.time.Duration.ofSeconds(10));
            String metrics = "";
            for (int i = 0; i < 50 && !metrics.contains("shirase_deliveries_total{channel=\"discord\",outcome=\"sent\"}"
                    + " 1.0"); i++) {
                Thread.sleep(100);
                metrics = shirase.get("/observe/metrics").body();
            }

            HttpResponse<String> answer = shirase.get("/observe/metrics");
            assertEquals(200, answer.statusCode());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metrics.contains("shirase_deliveries_total{channel=\"discord\",outcome=\"sent\"} 1.0"), metrics);
            assertTrue(metrics.contains("shirase_outbox_pending 0.0"), metrics);
            assertTrue(metrics.contains("shirase_outbox_dead 0.0"), metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\""), metrics);
            assertTrue(metrics.contains("jvm_threads_live_threads "), metrics);
            assertTrue(metrics.contains("jvm_gc_"), metrics);
        }
    }

    @Test
    void portInUseStopsStartUpWithAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Main main = Shirase.create();
            main.addOverrideProperty("camel.server.host", "127.0.0.1");
            main.addOverrideProperty("camel.server.port", String.valueOf(taken.getLocalPort()));
            main.addOverrideProperty("camel.management.port", String.valueOf(taken.getLocalPort()));
            main.addOverrideProperty("shirase.store.url", RunningShirase.Builder.freshStoreUrl());

            PortInUseException error = assertThrows(PortInUseException.class, main::run);

            assertTrue(error.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    error.getMessage());
            assertTrue(error.getMessage().contains("PORT environment variable"), error.getMessage());
            main.stop();
        }
    }
}
