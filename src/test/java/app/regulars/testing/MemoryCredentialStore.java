package app.regulars.testing;

import app.regulars.app.team.CredentialStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A credential store in memory, for tests: no system keyring needed. {@code available} false plays a machine without one. */
public final class MemoryCredentialStore implements CredentialStore {
    private final boolean available;
    private final Map<String, String> kept = new ConcurrentHashMap<>();

    public MemoryCredentialStore(boolean available) {
        this.available = available;
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public Optional<char[]> get(String account) {
        return Optional.ofNullable(kept.get(account)).map(String::toCharArray);
    }

    @Override
    public boolean put(String account, char[] password) {
        if (!available) {
            return false;
        }
        kept.put(account, new String(password));
        return true;
    }

    @Override
    public void remove(String account) {
        kept.remove(account);
    }

    /** What is kept, by account (for assertions). */
    public Map<String, String> kept() {
        return Map.copyOf(kept);
    }
}
