package app.regulars.customer;

import java.time.LocalDateTime;
import java.util.List;

/** A merge under way, as the {@link MergeHook}s see it: the kept customer, the others merged into it, when. */
public record CustomerMerge(long keptId, List<Long> others, LocalDateTime at) {
    public CustomerMerge {
        others = List.copyOf(others);
        if (others.isEmpty() || others.contains(keptId)) {
            throw new IllegalArgumentException("a merge needs other customers than the kept one");
        }
    }
}
