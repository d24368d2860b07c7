package dev.shirase.settings;

/**
 * A channel's switch in a route's filter, {@code simple: "{{set:<key>,<key>...}}"}: "true" when every one of its
 * settings is usable ({@link Settings#problem}), so a channel whose settings are empty is off. Settings are read
 * once, when the route is built, so a webhook pays nothing for the switch (a bean call per filter and request
 * took a quarter of the intake's CPU).
 */
public class SettingSwitch extends SettingsFunction {

    @Override
    public String getName() {
        return "set";
    }

    @Override
    public String apply(String keys) {
        return String.valueOf(Settings.problems(settings(), keys).isEmpty());
    }
}
