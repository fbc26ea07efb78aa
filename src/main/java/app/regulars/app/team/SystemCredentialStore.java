package app.regulars.app.team;

import com.github.javakeyring.Keyring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The operating system's credential store through java-keyring: the Secret Service (GNOME
 * Keyring, KWallet) over D-Bus on Linux, the Keychain on macOS, the Credential Manager on Windows.
 * Where none is reachable (a headless machine, no D-Bus session) {@link #open()} gives
 * {@link CredentialStore#NONE}, and every failure later is logged and taken as "not kept".
 */
public final class SystemCredentialStore implements CredentialStore {
    private static final Logger LOG = LoggerFactory.getLogger(SystemCredentialStore.class);
    /** The service name the passwords are kept under. */
    static final String SERVICE = "Regulars shared store";

    private final Keyring keyring;

    private SystemCredentialStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The system's credential store, or {@link CredentialStore#NONE} when there is none to reach. */
    public static CredentialStore open() {
        try {
            Keyring keyring = Keyring.create();
            return new SystemCredentialStore(keyring);
        } catch (Exception | LinkageError e) { // BackendNotSupportedException, a missing native library, no D-Bus
            LOG.info("No credential store on this system ({}): the shared store's password is asked at each start", e.toString());
            return CredentialStore.NONE;
        }
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Optional<char[]> get(String account) {
        try {
            String kept = keyring.getPassword(SERVICE, account);
            return kept == null ? Optional.empty() : Optional.of(kept.toCharArray());
        } catch (Exception | LinkageError e) { // none kept, or the store locked or gone
            LOG.debug("No password kept for {}: {}", account, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public boolean put(String account, char[] password) {
        try {
            keyring.setPassword(SERVICE, account, new String(password));
            return true;
        } catch (Exception | LinkageError e) {
            LOG.warn("Could not keep the password of {} in the credential store: {}", account, e.toString());
            return false;
        }
    }

    @Override
    public void remove(String account) {
        try {
            keyring.deletePassword(SERVICE, account);
        } catch (Exception | LinkageError e) {
            LOG.debug("No password to forget for {}: {}", account, e.toString());
        }
    }
}
