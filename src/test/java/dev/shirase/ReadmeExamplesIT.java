package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shirase.support.ShiraseProcess;
import dev.shirase.support.StandInServer;
import org.junit.jupiter.api.Test;

/**
 * The documentation's example commands, as written, against a running instance: every ```sh block of README.md and
 * docs/*.md that talks to localhost:8080 runs in bash against bin/shirase (started as the README says, with the tokens the examples use),
 * with only the port changed. Each request must get an answer, none a 5xx, and the signed Clockify example 202.
 */
class ReadmeExamplesIT {

    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("^HTTP-STATUS (\\d{3})$", Pattern.MULTILINE);

    @Test
    void everyExampleThatTalksToARunningInstanceWorksAsWritten() throws Exception {
        List<String> examples = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (var docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            Matcher block = SH_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (block.find()) {
                if (block.group(1).contains("localhost:8080")) {
                    examples.add(block.group(1));
                }
            }
        }
        assertTrue(examples.size() >= 3, "README examples found: " + examples);

        try (StandInServer discord = StandInServer.start();
                ShiraseProcess shirase = ShiraseProcess.start(Map.of(
                        "CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/1/readme"),
                        "CLOCKIFY_WEBHOOK_SIGNATURE", "try-token",
                        "SHIRASE_ADMIN_TOKEN", "readme-admin-token",
                        // the alert call configured, for the heartbeat examples (no call is placed by them)
                        "ALERT_TOKEN", "readme-alert-token",
                        "ALERT_NUMBERS", "+819011110001",
                        "ALERT_PUBLIC_BASE_URL", "https://alerts.example.com",
                        "TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
                        "TWILIO_AUTH_TOKEN", "readme-twilio-auth-token",
                        "TWILIO_FROM_NUMBER", "+815012345678",
                        "TWILIO_API_BASE_URL", discord.url("/twilio")))) {
            shirase.awaitHealthy();
            List<String> statuses = new ArrayList<>();
            for (String example : examples) {
                String script = "curl() { command curl -sS -w '\\nHTTP-STATUS %{http_code}\\n' \"$@\"; }\n"
                        + example.replace("localhost:8080", "localhost:" + shirase.port());
                ProcessBuilder run = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
                run.environment().put("TOKEN", "readme-admin-token"); // the examples' $TOKEN: an admin token
                run.environment().put("ALERT_TOKEN", "readme-alert-token");
                Process bash = run.start();
                bash.getOutputStream().close();
                assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "example hangs:\n" + example);
                String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, bash.exitValue(), "example failed:\n" + example + "\n" + output);
                Matcher status = STATUS.matcher(output);
                int answered = 0;
                while (status.find()) {
                    answered++;
                    statuses.add(status.group(1));
                    assertTrue(Integer.parseInt(status.group(1)) < 500, example + "\n" + output);
                }
                assertTrue(answered > 0, "no answer to:\n" + example + "\n" + output);
                if (example.contains("localhost:8080/clockify ") || example.contains("localhost:8080/clockify\n")) {
                    assertTrue(output.contains("HTTP-STATUS 202"), example + "\n" + output);
                }
                if (example.contains("localhost:8080/alert/heartbeat")) {
                    assertTrue(output.contains("{\"status\":\"heartbeat\""), example + "\n" + output);
                    assertTrue(output.contains("{\"status\":\"alive\""), example + "\n" + output);
                }
            }
            discord.awaitRequests(1, Duration.ofSeconds(10));
            assertFalse(statuses.isEmpty());
            assertTrue(shirase.stop(Duration.ofSeconds(30)), "did not stop on SIGTERM");
        }
    }
}
