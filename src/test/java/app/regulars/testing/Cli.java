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
        CommandLine cl = RegularsCommand.create(new RegularsCommand(new Messages(locale), env::get, prompt -> null));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dataDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cl.execute(all);
    }
}
