package app.regulars.app.team;

import app.regulars.i18n.UserException;
import app.regulars.store.Password;
import app.regulars.store.ServerAddress;
import app.regulars.testing.MemoryCredentialStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared store's password: tried from the credential store, asked when the server wants one,
 * kept only when asked and taken by the server, forgotten when the server refuses it; and the
 * system's credential store absent (this build machine has no desktop session) is "none", not a failure.
 */
class ServerSignInTest {
    private static final ServerAddress SERVER = ServerAddress.parse("postgresql://shop-server/regulars");

    /** A server whose account's password is {@code right}; it records what it was given. */
    private static ServerSignIn.Connect<String> server(String right, List<String> given) {
        return pw -> {
            String text = pw.given() ? (pw.sameText(Password.of(right)) ? right : "wrong") : null;
            given.add(String.valueOf(text));
            if (text == null) {
                throw new UserException("store.server.passwordNeeded", SERVER.toString());
            }
            if (!text.equals(right)) {
                throw new UserException("store.server.signInRefused", SERVER.user(), SERVER.toString());
            }
            return "opened";
        };
    }

    @Test
    void nothingKeptTriesWithoutThenTheTypedPasswordIsKeptOnlyOnceTheServerTookIt() {
        MemoryCredentialStore keyring = new MemoryCredentialStore(true);
        List<String> given = new ArrayList<>();
        assertThatThrownBy(() -> ServerSignIn.kept(SERVER, keyring, server("s3cret", given)))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(ServerSignIn.asksPassword(e)).isTrue());
        assertThat(given).containsExactly("null");

        assertThatThrownBy(() -> ServerSignIn.typed(SERVER, keyring, "typo".toCharArray(), true, server("s3cret", given)))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.key()).isEqualTo("store.server.signInRefused"));
        assertThat(keyring.kept()).isEmpty(); // a refused password is not kept

        char[] typed = "s3cret".toCharArray();
        assertThat(ServerSignIn.typed(SERVER, keyring, typed, true, server("s3cret", given))).isEqualTo("opened");
        assertThat(typed).containsOnly('\0'); // cleared once used
        assertThat(keyring.kept()).containsExactly(java.util.Map.entry("regulars@shop-server:5432/regulars", "s3cret"));

        given.clear();
        assertThat(ServerSignIn.kept(SERVER, keyring, server("s3cret", given))).isEqualTo("opened");
        assertThat(given).containsExactly("s3cret"); // the next start asks nothing
    }

    @Test
    void aKeptPasswordTheServerRefusesIsForgottenAndNotRememberingKeepsNothing() {
        MemoryCredentialStore keyring = new MemoryCredentialStore(true);
        keyring.put(ServerSignIn.account(SERVER), "old".toCharArray());
        List<String> given = new ArrayList<>();
        assertThatThrownBy(() -> ServerSignIn.kept(SERVER, keyring, server("new", given)))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(ServerSignIn.asksPassword(e)).isTrue());
        assertThat(keyring.kept()).isEmpty();
        assertThat(ServerSignIn.typed(SERVER, keyring, "new".toCharArray(), false, server("new", given))).isEqualTo("opened");
        assertThat(keyring.kept()).isEmpty();

        MemoryCredentialStore none = new MemoryCredentialStore(false);
        assertThat(ServerSignIn.typed(SERVER, none, "new".toCharArray(), true, server("new", given))).isEqualTo("opened");
        assertThat(none.kept()).isEmpty();
        assertThat(ServerSignIn.asksPassword(new UserException("store.server.unreachable", "x"))).isFalse();
    }

    @Test
    void theSystemsCredentialStoreWithoutOneHereIsNoneAndNeverFails() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<String> tried = thread.submit(() -> {
                CredentialStore system = SystemCredentialStore.open();
                String account = "regulars-test-" + ProcessHandle.current().pid() + "@nowhere:1/none";
                if (!system.available()) {
                    assertThat(system).isSameAs(CredentialStore.NONE);
                    assertThat(system.put(account, "x".toCharArray())).isFalse();
                    assertThat(system.get(account)).isEmpty();
                    return "none";
                }
                // a desktop session with a keyring (a developer's machine): what is put comes back, then goes
                boolean put = system.put(account, "x".toCharArray());
                if (put) {
                    assertThat(system.get(account)).hasValueSatisfying(c -> assertThat(new String(c)).isEqualTo("x"));
                }
                system.remove(account);
                assertThat(system.get(account)).isEmpty();
                return "system";
            });
            String which = tried.get(30, TimeUnit.SECONDS); // neither a hang nor an exception when there is none
            if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null && !System.getProperty("os.name").startsWith("Mac")
                    && !System.getProperty("os.name").startsWith("Windows")) {
                assertThat(which).isEqualTo("none");
            }
        } finally {
            thread.shutdownNow();
        }
    }
}
