package app.regulars.feature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The services of one opened store, one object per type: the store's own (Database, Settings,
 * Clock, Locale, Messages) and those each feature put in when it opened. Wiring, not a
 * container: every service is still built with its constructor by the feature that owns it.
 */
public final class Services {
    private final Map<Class<?>, Object> byType = new LinkedHashMap<>();

    /** Adds {@code service} under {@code type}; a type is given once. */
    public synchronized <T> Services put(Class<T> type, T service) {
        if (byType.putIfAbsent(type, type.cast(service)) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is already there");
        }
        return this;
    }

    /** The service of {@code type}; fails when no feature opened before has put one. */
    public synchronized <T> T get(Class<T> type) {
        return find(type).orElseThrow(() -> new IllegalStateException(
                "No " + type.getSimpleName() + ": is the feature that provides it registered, and before this one?"));
    }

    public synchronized <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(byType.get(type)));
    }
}
