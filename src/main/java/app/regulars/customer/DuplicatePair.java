package app.regulars.customer;

import java.util.List;
import java.util.Set;

/**
 * Two customers who may be one person: {@code a} is the one added first. {@code score} is 0 to
 * 100, how likely the reasons make it (see {@link DuplicateFinder}).
 */
public record DuplicatePair(Side a, Side b, Set<DuplicateReason> reasons, int score) {
    public DuplicatePair {
        reasons = Set.copyOf(reasons);
    }

    /** One customer of a pair, as the finder shows them: phones as stored (E.164). */
    public record Side(long id, String code, String name, List<String> phones) {
        public Side {
            phones = List.copyOf(phones);
        }
    }

    /** The reasons in the order of {@link DuplicateReason}. */
    public List<DuplicateReason> reasonsInOrder() {
        return java.util.Arrays.stream(DuplicateReason.values()).filter(reasons::contains).toList();
    }

    public boolean involves(long id) {
        return a.id() == id || b.id() == id;
    }
}
