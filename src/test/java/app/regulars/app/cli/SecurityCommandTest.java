package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.store.Backups;
import app.regulars.store.Database;
import app.regulars.store.Password;
import app.regulars.store.StoreKey;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code security encrypt|change-password|decrypt}, and every command opening encrypted data with {@code REGULARS_PASSWORD}. */
class SecurityCommandTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Map<String, String> env, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir, Locale.ENGLISH, env, out, err, args);
    }

    static Map<String, String> password(String password) {
        Map<String, String> env = new HashMap<>();
        env.put("REGULARS_PASSWORD", password);
        return env;
    }

    @Test
    void encryptThenEveryCommandUsesThePasswordThenChangeItThenDecrypt() throws Exception {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
        }
        assertThat(run(Map.of(), "backup", "create")).as(err.toString()).isZero();

        assertThat(run(password("龙井 2026"), "security", "encrypt")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("The data in " + dir + " is now protected by the password, and so are its backups (1 encrypted).")
                .contains("Keep the password safe");
        assertThat(dir.resolve(StoreKey.FILE)).exists();

        assertThat(run(Map.of(), "find", "王")).isEqualTo(1);
        assertThat(err.toString()).startsWith("The data is protected by a password");
        assertThat(run(password("wrong"), "find", "王")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Wrong password.");
        assertThat(run(password("龙井 2026"), "find", "王")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("王小明");
        assertThat(run(password("龙井 2026"), "backup", "create")).as(err.toString()).isZero();
        Path backup = Backups.list(Backups.folder(dir)).getFirst().file();
        assertThat(run(password("龙井 2026"), "backup", "verify", backup.toString())).as(err.toString()).isZero();
        assertThat(run(password("wrong"), "backup", "verify", backup.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Wrong password.");
        assertThat(run(password("龙井 2026"), "security", "encrypt")).isEqualTo(1);
        assertThat(err.toString()).contains("already protected by a password");

        Map<String, String> change = password("龙井 2026");
        change.put("REGULARS_NEW_PASSWORD", "碧螺春");
        assertThat(run(change, "security", "change-password")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("The password of the data in " + dir + " is changed; 2 backups now open with the new one.");
        assertThat(run(password("龙井 2026"), "find", "王")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Wrong password.");
        assertThat(run(password("碧螺春"), "backup", "restore", Backups.list(Backups.folder(dir)).getFirst().file().toString()))
                .as(err.toString()).isZero();
        assertThat(run(password("碧螺春"), "find", "Alice")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Alice Smith");

        assertThat(run(password("碧螺春"), "security", "decrypt")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("is no longer protected by a password");
        assertThat(dir.resolve(StoreKey.FILE)).doesNotExist();
        assertThat(run(Map.of(), "find", "王")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve(Database.FILE_NAME + ".mv.db"))).isNotEmpty();
        assertThat(run(Map.of(), "security", "decrypt")).isEqualTo(1);
        assertThat(err.toString()).contains("is not protected by a password");
    }

    @Test
    void withoutATerminalOrTheVariableTheNewPasswordIsRefusedAndNothingChanges() throws Exception {
        try (AppContext ctx = TestStores.open(dir)) {
            ctx.customers().save(Customer.builder().name("王小明").phones("138 1234 5678").build());
        }
        byte[] before = Files.readAllBytes(dir.resolve(Database.FILE_NAME + ".mv.db"));
        assertThat(run(Map.of(), "security", "encrypt")).isEqualTo(1);
        assertThat(err.toString()).startsWith("The data is protected by a password").doesNotContain("Exception");
        assertThat(run(password(""), "security", "encrypt")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("The password is empty: type at least one character.");
        assertThat(dir.resolve(StoreKey.FILE)).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve(Database.FILE_NAME + ".mv.db"))).isEqualTo(before);
        try (AppContext ctx = AppContext.open(dir, Password.NONE)) {
            assertThat(ctx.customers().countAll()).isEqualTo(1);
        }
    }

    @Test
    void thePasswordTypedTwiceMustMatch() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        java.util.Iterator<String> typed = java.util.List.of("one", "two").iterator();
        picocli.CommandLine cl = RegularsCommand.create(new RegularsCommand(new app.regulars.i18n.Messages(Locale.ENGLISH), k -> null,
                prompt -> typed.next().toCharArray()));
        cl.setOut(new java.io.PrintWriter(o, true));
        cl.setErr(new java.io.PrintWriter(e, true));
        assertThat(cl.execute("--data-dir", dir.toString(), "security", "encrypt")).isEqualTo(1);
        assertThat(e.toString().strip()).isEqualTo("The two passwords differ; nothing was changed.");
        assertThat(dir.resolve(StoreKey.FILE)).doesNotExist();
        assertThat(new String(o.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEmpty();
    }
}
