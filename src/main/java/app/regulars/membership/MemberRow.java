package app.regulars.membership;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a member list: the customer, the current tier, the 12-month basis (points or
 * spend), and per list the threshold at stake (next tier's, or the current one's) or the
 * points expiring and from when.
 */
public record MemberRow(long customerId, String code, String name, Tier tier, BigDecimal basis, BigDecimal threshold,
                        int points, LocalDate date) {
}
