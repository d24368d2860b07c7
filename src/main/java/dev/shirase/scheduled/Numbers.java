package dev.shirase.scheduled;

import java.math.BigDecimal;

/** Reads a number from what a service returned (a JSON number, or a string such as "123"), or says why not. */
public final class Numbers {

    private Numbers() {
    }

    public static BigDecimal parse(Object value, String what) {
        if (value == null) {
            throw new Skipped(what + " is missing");
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new Skipped(what + " is not a number: " + value);
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            throw new Skipped(what + " is empty");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new Skipped(what + " is not a number: '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "'");
        }
    }

    /** As written, without trailing zeros or exponent: 120, 12.5. */
    public static String show(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    /** Rounded half up to at most {@code decimals} decimals, without trailing zeros: 123.7 with 0 is 124. */
    public static String show(BigDecimal number, int decimals) {
        return show(number.setScale(decimals, java.math.RoundingMode.HALF_UP));
    }
}
