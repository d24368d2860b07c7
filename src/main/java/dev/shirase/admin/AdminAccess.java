package dev.shirase.admin;

import dev.shirase.webhook.FailedTokenBrake;

import dev.shirase.webhook.BearerToken;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The admin API's door: {@code Authorization: Bearer <token>} of the role the endpoint needs (read-only tokens may
 * list and show, operator tokens may also replay and run). 401 for a missing or wrong token, 403 for a read-only
 * token on an operator endpoint, 429 for a wrong token after repeated wrong tokens from one address (a right token always passes), 503 while no admin token is set.
 * Sets {@link #WHO}, the token's name, for the audit trail.
 */
public class AdminAccess implements Processor {

    /** Exchange property: the name of the token the request came with. */
    public static final String WHO = "shiraseAdminWho";
    /** Exchange property: that token's role, read-only or operator. */
    public static final String ROLE = "shiraseAdminRole";

    private final AdminTokens tokens;
    private final FailedTokenBrake brake;
    /** The role this endpoint needs: read-only or operator. */
    private final AdminTokens.Role role;

    public AdminAccess(AdminTokens tokens, FailedTokenBrake brake, AdminTokens.Role role) {
        this.tokens = tokens;
        this.brake = brake;
        this.role = role;
    }

    @Override
    public void process(Exchange exchange) {
        if (tokens.isEmpty()) {
            throw new RejectedRequest(503, "the admin API is off: set shirase.admin.operator-tokens or"
                    + " shirase.admin.read-only-tokens");
        }
        String presented = BearerToken.of(exchange.getMessage().getHeader("Authorization", String.class));
        AdminTokens.Grant grant = tokens.match(presented).orElse(null);
        if (grant == null) {
            if (presented != null) { // a wrong token, not a missing one, is a guess; a right one always passes
                brake.wrong(FailedTokenBrake.addressOf(exchange), "admin");
            }
            throw new RejectedRequest(401, presented == null ? "missing Authorization: Bearer token"
                    : "wrong admin token");
        }
        if (role == AdminTokens.Role.OPERATOR && grant.role() != AdminTokens.Role.OPERATOR) {
            throw new RejectedRequest(403, "token " + grant.name() + " is read-only; this needs an operator token");
        }
        exchange.setProperty(WHO, grant.name());
        exchange.setProperty(ROLE, grant.role().word());
    }
}
