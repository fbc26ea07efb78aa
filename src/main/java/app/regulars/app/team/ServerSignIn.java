package app.regulars.app.team;

import app.regulars.i18n.UserException;
import app.regulars.store.Password;
import app.regulars.store.ServerAddress;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the window signs in to a shared store: first with the password kept in the system's
 * credential store (or none, for a server that trusts this computer); when the server asks for
 * one ({@code store.server.passwordNeeded}) or refuses the kept one ({@code store.server.signInRefused},
 * which forgets it), the window asks ({@link SignInView}) and {@link #typed} tries what was typed,
 * keeping it when the user asked and the sign-in worked. A password is never written to a file.
 */
public final class ServerSignIn {
    private ServerSignIn() {
    }

    /** Opens the shared store with a password. */
    @FunctionalInterface
    public interface Connect<T> {
        T open(Password password);
    }

    /** Whether {@code e} means the user must type the password (asked, or the one tried refused). */
    public static boolean asksPassword(Throwable e) {
        return e instanceof UserException u
                && (u.key().equals("store.server.passwordNeeded") || u.key().equals("store.server.signInRefused"));
    }

    /** The credential store's key of {@code server}'s password. */
    public static String account(ServerAddress server) {
        return server.toString();
    }

    /** Opens with the kept password, else none; a kept password the server refuses is forgotten. */
    public static <T> T kept(ServerAddress server, CredentialStore credentials, Connect<T> connect) {
        Optional<char[]> kept = credentials.get(account(server));
        if (kept.isEmpty()) {
            return connect.open(Password.NONE);
        }
        char[] chars = kept.get();
        try {
            return connect.open(Password.of(chars));
        } catch (UserException e) {
            if (e.key().equals("store.server.signInRefused")) {
                credentials.remove(account(server)); // changed on the server: asked again, kept again if wanted
            }
            throw e;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Opens with what the user typed; kept in {@code credentials} once the server took it, when {@code remember}. */
    public static <T> T typed(ServerAddress server, CredentialStore credentials, char[] typed, boolean remember, Connect<T> connect) {
        try {
            T opened = connect.open(Password.of(typed));
            if (remember && credentials.available()) {
                credentials.put(account(server), typed);
            }
            return opened;
        } finally {
            Arrays.fill(typed, '\0');
        }
    }
}
