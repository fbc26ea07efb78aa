package app.regulars.testing;

import app.regulars.app.cli.RegularsCommand;
import app.regulars.i18n.Messages;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Runs the command line as a user would: {@code regulars --data-dir DIR args...}, printing into the given writers. */
public final class Cli {
    private Cli() {
    }

    /** The exit code; what the command printed is in {@code out} and {@code err}. */
    public static int run(Path dataDir, Locale locale, StringWriter out, StringWriter err, String... args) {
        return run(dataDir, locale, java.util.Map.of(), out, err, args);
    }

    /** The same with these environment variables (and no terminal: a password they do not give cannot be asked). */
    public static int run(Path dataDir, Locale locale, java.util.Map<String, String> env, StringWriter out, StringWriter err, String... args) {
        java.util.Map<String, String> environment = new java.util.HashMap<>(env);
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--data-dir", dataDir.toString()));
        if (TestStores.onPostgres() && !env.containsKey(RegularsCommand.DB_URL_ENV) && !java.util.List.of(args).contains("--db-url")) {
            // the second pass of the tests: the folder's database on the tests' server, as TestStores opens it
            all.addAll(java.util.List.of("--db-url", TestStores.serverUrl(dataDir)));
            environment.putIfAbsent(RegularsCommand.DB_PASSWORD_ENV, TestPostgres.PASSWORD);
        }
        CommandLine cl = RegularsCommand.create(new RegularsCommand(new Messages(locale), environment::get, prompt -> null));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        all.addAll(java.util.List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }
}
