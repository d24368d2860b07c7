package dev.shirase;

import org.apache.camel.Exchange;

/**
 * A channel's switch in a route's filter: on when every one of its settings is usable ({@link Settings#problem}),
 * so a channel whose settings are empty is off.
 */
public class SettingSwitch {

    public boolean on(Exchange exchange, String keys) {
        for (String key : keys.split(",")) {
            if (Settings.problem(exchange.getContext().getPropertiesComponent(), key.trim()) != null) {
                return false;
            }
        }
        return true;
    }
}
