package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.shirase.support.RunningShirase;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

/**
 * The server listens before the routes start: until every route is in, every path (health included) is answered 503
 * with Retry-After, never 404; once started, an unknown path is 404.
 */
class StartWindowTest {

    /** Asks the server the moment the first route starts, before any route answers. */
    private static final class FirstRouteProbe extends EventNotifierSupport {

        static final List<String> ANSWERS = new CopyOnWriteArrayList<>();

        @Override
        public void notify(CamelEvent event) throws Exception {
            if (!(event instanceof CamelEvent.RouteStartingEvent starting) || !ANSWERS.isEmpty()) {
                return;
            }
            String port = starting.getRoute().getCamelContext().getPropertiesComponent()
                    .resolveProperty("camel.server.port").orElseThrow();
            HttpClient client = HttpClient.newHttpClient();
            for (String path : List.of("/observe/health", "/observe/health?exposureLevel=full", "/no/such/path",
                    "/clockify")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
                ANSWERS.add(answer.statusCode() + " " + answer.headers().firstValue("Retry-After").orElse("-") + " "
                        + answer.body());
            }
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.RouteStartingEvent;
        }
    }

    @Test
    void beforeEveryRouteIsInEveryPathIs503WithRetryAfterAndAfterwardsAnUnknownOneIs404() {
        FirstRouteProbe.ANSWERS.clear();
        try (RunningShirase shirase = new RunningShirase.Builder().notifying(new FirstRouteProbe()).start()) {
            String starting = "503 1 {\"status\":\"unavailable\",\"reason\":\"starting, retry in a moment\"}";
            assertEquals(List.of(starting, starting, starting, starting), FirstRouteProbe.ANSWERS);

            assertEquals(404, shirase.get("/no/such/path").statusCode());
            assertEquals(200, shirase.get("/observe/health").statusCode());
        }
    }
}
