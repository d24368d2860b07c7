package dev.shirase.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin API's tokens, each with a name (for the audit trail) and a role: {@code shirase.admin.operator-tokens}
 * and {@code shirase.admin.read-only-tokens}, written {@code name:token,name:token}; {@code shirase.admin-token}
 * is one more operator token, named "admin". Matching compares against every token in constant time.
 */
public final class AdminTokens {

    public enum Role {
        READ_ONLY("read-only"), OPERATOR("operator");

        private final String word;

        Role(String word) {
            this.word = word;
        }

        /** As /admin/whoami answers it. */
        public String word() {
            return word;
        }
    }

    /** Who a presented token belongs to. */
    public record Grant(String name, Role role) {
    }

    private record Token(String name, Role role, byte[] secret) {
    }

    private final List<Token> tokens;

    public AdminTokens(String adminToken, String operatorTokens, String readOnlyTokens) {
        List<Token> all = new ArrayList<>();
        if (adminToken != null && !adminToken.isBlank()) {
            all.add(new Token("admin", Role.OPERATOR, adminToken.strip().getBytes(StandardCharsets.UTF_8)));
        }
        parse(operatorTokens, Role.OPERATOR, "shirase.admin.operator-tokens", all);
        parse(readOnlyTokens, Role.READ_ONLY, "shirase.admin.read-only-tokens", all);
        this.tokens = List.copyOf(all);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    public Optional<Grant> match(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] bytes = presented.strip().getBytes(StandardCharsets.UTF_8);
        Grant found = null;
        for (Token token : tokens) { // no early exit: the time taken does not tell which token came close
            if (MessageDigest.isEqual(bytes, token.secret()) && found == null) {
                found = new Grant(token.name(), token.role());
            }
        }
        return Optional.ofNullable(found);
    }

    private static void parse(String csv, Role role, String setting, List<Token> into) {
        if (csv == null || csv.isBlank()) {
            return;
        }
        for (String entry : csv.split(",")) {
            String[] nameAndToken = entry.strip().split(":", 2);
            if (nameAndToken.length != 2 || nameAndToken[0].isBlank() || nameAndToken[1].isBlank()) {
                throw new IllegalArgumentException(setting + " must be name:token,name:token (an entry has no name"
                        + " or no token)");
            }
            into.add(new Token(nameAndToken[0].strip(), role,
                    nameAndToken[1].strip().getBytes(StandardCharsets.UTF_8)));
        }
    }
}
