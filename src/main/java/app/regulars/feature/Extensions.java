package app.regulars.feature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What features add to each other's views, by the small interface the receiving feature owns
 * (a customer's profile takes {@code ProfileSection}s, the customer list {@code ListColumn}s,
 * the window {@link Shortcut}s), each at a position among the others.
 */
public final class Extensions {
    private record Entry(int position, Object extension) {
    }

    private final Map<Class<?>, List<Entry>> byType = new LinkedHashMap<>();

    /** Adds {@code extension}; {@code position} orders it among the others of its type (lower first). */
    public <T> void add(Class<T> type, int position, T extension) {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(new Entry(position, type.cast(extension)));
    }

    /** Every extension of {@code type}, by position, then in the order added. */
    public <T> List<T> all(Class<T> type) {
        return byType.getOrDefault(type, List.of()).stream()
                .sorted(Comparator.comparingInt(Entry::position))
                .map(e -> type.cast(e.extension())).toList();
    }

    /** The one extension of {@code type}, if someone added it (for a link such as "open the survey entry"). */
    public <T> Optional<T> one(Class<T> type) {
        List<T> all = all(type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }
}
