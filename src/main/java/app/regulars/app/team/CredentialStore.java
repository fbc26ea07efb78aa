package app.regulars.app.team;

import java.util.Optional;

/**
 * Where the window keeps a shared store's password when the user asks it to be remembered: the
 * operating system's credential store (Secret Service on Linux, Keychain on macOS, Credential
 * Manager on Windows: {@link SystemCredentialStore}), never a file. Keyed by the server's address
 * ({@code user@host:port/database}). Where there is none (no desktop session, no D-Bus),
 * {@link #available()} is false and the password is asked at each start.
 */
public interface CredentialStore {
    /** Whether passwords can be kept here. */
    boolean available();

    /** The password kept for {@code account}, if any (empty also when the store cannot be read). */
    Optional<char[]> get(String account);

    /** Keeps {@code password} for {@code account}; false when it could not. */
    boolean put(String account, char[] password);

    /** Forgets the password of {@code account} (nothing when there is none). */
    void remove(String account);

    /** A store that keeps nothing: where the system has none. */
    CredentialStore NONE = new CredentialStore() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<char[]> get(String account) {
            return Optional.empty();
        }

        @Override
        public boolean put(String account, char[] password) {
            return false;
        }

        @Override
        public void remove(String account) {
        }
    };
}
