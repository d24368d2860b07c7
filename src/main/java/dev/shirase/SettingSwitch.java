package dev.shirase;

import org.apache.camel.Exchange;

/** Whether every one of some settings has a value: a channel whose settings are empty is off. */
public class SettingSwitch {

    public boolean on(Exchange exchange, String keys) {
        for (String key : keys.split(",")) {
            if (exchange.getContext().getPropertiesComponent().resolveProperty(key.trim()).orElse("").isBlank()) {
                return false;
            }
        }
        return true;
    }
}
