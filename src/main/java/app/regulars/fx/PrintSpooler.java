package app.regulars.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What printing needs from the system besides a printer. On Linux the JDK hands every print job
 * to {@code /usr/bin/lpr} (Debian and Ubuntu: the package cups-bsd, which CUPS only suggests);
 * without it the job is dropped on the floor while JavaFX reports it printed (seen on Debian 12,
 * CUPS 2.4, JDK 25, JavaFX 26). Printing asks first, so that the user is told instead.
 *
 * @param linux whether the JDK prints through lpr here
 * @param lpr   where the JDK looks for it
 */
public record PrintSpooler(boolean linux, Path lpr) {
    /** This machine. */
    public static final PrintSpooler SYSTEM = new PrintSpooler(
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"), Path.of("/usr/bin/lpr"));

    /** True when a print job would be lost: on Linux without lpr. */
    public boolean missing() {
        return linux && !Files.isExecutable(lpr);
    }
}
