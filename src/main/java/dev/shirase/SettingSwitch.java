package dev.shirase;

import org.apache.camel.Exchange;

/** Whether every one of some settings has a value: a channel whose settings are empty is off. */
public class SettingSwitch {

    public boolean on(Exchange exchange, String keys) {
        for (String key : keys.split(",")) {
            if (Settings.get(exchange.getContext().getPropertiesComponent(), key.trim(), "").isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
