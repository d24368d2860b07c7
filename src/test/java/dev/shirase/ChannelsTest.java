package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.shirase.support.Fixtures;
import dev.shirase.support.FreePort;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two channels declared without Java (routes/channels.camel.yaml and templates/channels/): Microsoft Teams
 * against a stand-in webhook, and email against a local SMTP server (GreenMail); both reached from a flow in one
 * line each, with the outbox's retries like every other channel.
 */
class ChannelsTest {

    private static final String CARD = "{\"type\":\"message\",\"attachments\":[{\"contentType\":"
            + "\"application/vnd.microsoft.card.adaptive\",\"contentUrl\":null,\"content\":{\"$schema\":"
            + "\"http://adaptivecards.io/schemas/adaptive-card.json\",\"type\":\"AdaptiveCard\",\"version\":\"1.4\","
            + "\"body\":[";

    private static StandInServer discord;
    private static StandInServer teams;
    private static int smtpPort;
    private static RunningShirase shirase;
    private GreenMail smtp;

    @BeforeAll
    static void start() {
        discord = StandInServer.start();
        teams = StandInServer.start();
        smtpPort = FreePort.find();
        shirase = RunningShirase
                .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/d"))
                .with("clockify.allow-unsigned", "true")
                .with("clockify.language", "en")
                .with("clockify.teams-webhook-url", teams.url("/workflows/clockify"))
                .with("clockify.email-to", "ops@example.com,lead@example.com")
                .with("shirase.mail.host", "127.0.0.1")
                .with("shirase.mail.port", String.valueOf(smtpPort))
                .with("shirase.mail.from", "shirase@example.com")
                .with("shirase.delivery.retry-schedule", "300ms")
                .with("shirase.delivery.rate.discord", "0")
                .with("shirase.delivery.rate.teams", "0")
                .with("shirase.delivery.rate.email", "0")
                .start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        discord.close();
        teams.close();
    }

    @BeforeEach
    void reset() {
        discord.reset();
        teams.reset();
        teams.answerByDefault(Response.json(202, ""));
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private static String entry(String id, String user) {
        return Fixtures.read("clockify/clockify-timer-stopped.json").replace("664bf1e0a1b2c3d4e5f60789", id)
                .replace("Hanako Yamada", user);
    }

    @Test
    void oneClockifyEventReachesDiscordTeamsAndEmail() throws Exception {
        assertEquals(202, shirase.postJson("/clockify", entry("te-channels-1", "Hanako \\\"Hana\\\" <Yamada>"))
                .statusCode());

        String text = "Hanako \"Hana\" <Yamada> stopped Acme - Website Weekly report. Good work. (1h 23m)";
        Recorded card = teams.awaitRequests(1, Duration.ofSeconds(10)).get(0);
        assertEquals("POST", card.method());
        assertEquals("/workflows/clockify", card.path());
        assertEquals("application/json", card.header("Content-Type"));
        assertEquals(CARD + "{\"type\":\"TextBlock\",\"text\":\"Hanako \\\"Hana\\\" <Yamada> stopped Acme - Website"
                + " Weekly report. Good work. (1h 23m)\",\"wrap\":true}]}}]}", card.body());
        discord.awaitRequests(1, Duration.ofSeconds(10));

        MimeMessage mail = awaitMail(m -> true);
        assertEquals(text, mail.getSubject());
        assertEquals("shirase@example.com", mail.getFrom()[0].toString());
        assertEquals("[ops@example.com, lead@example.com]", Arrays.toString(mail.getAllRecipients()));
        assertTrue(mail.getContentType().startsWith("text/plain; charset=UTF-8"), mail.getContentType());
        assertEquals(text, GreenMailUtil.getBody(mail).trim());
    }

    @Test
    void aTeamsWebhookThatFailsIsRetried() {
        teams.enqueue(Response.json(503, "{}"));
        assertEquals(202, shirase.postJson("/clockify", entry("te-channels-2", "Taro")).statusCode());
        var posts = teams.awaitRequests(2, Duration.ofSeconds(10));
        assertEquals(posts.get(0).body(), posts.get(1).body());
    }

    @Test
    void anSmtpServerThatIsDownIsRetriedUntilItIsUp() throws Exception {
        smtp.stop();
        assertEquals(202, shirase.postJson("/clockify", entry("te-channels-3", "Jiro")).statusCode());
        Thread.sleep(1_000); // a few attempts fail on the closed port
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertTrue(awaitMail(m -> m.getSubject().startsWith("Jiro stopped")) != null);
    }

    /** The first mail the SMTP server holds that matches (GreenMail's own wait counts only mail yet to come). */
    private MimeMessage awaitMail(MailMatch match) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                if (match.test(mail)) {
                    return mail;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such email arrived");
    }

    private interface MailMatch {
        boolean test(MimeMessage mail) throws Exception;
    }
}
