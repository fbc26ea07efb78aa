package app.regulars.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The installed app's ahead-of-time cache (installer/Package.java) is used by the JVM only while
 * the program's jars have the modification time they had when it was made, {@value #PROPERTY}
 * (seconds since 1970, set by the launcher). Installers copy the jars with the time of the copy
 * (the .deb's postinst sets it back; the Windows and macOS installers cannot): where the jars'
 * folder is the user's to write (Windows installs for the user, macOS's Applications), the window
 * sets it back itself, and the starts after the first have the cache. Decision 0017.
 */
final class JarTimes {
    static final String PROPERTY = "regulars.jarTime";
    private static final Logger LOG = LoggerFactory.getLogger(JarTimes.class);

    private JarTimes() {
    }

    /** On a thread of its own, when the launcher says the time: nothing the window waits for. */
    static void restoreInBackground() {
        String seconds = System.getProperty(PROPERTY);
        if (seconds == null || seconds.isBlank()) {
            return;
        }
        Thread.ofPlatform().daemon().name("regulars-jar-times").start(() -> {
            try {
                restore(classPathJars(System.getProperty("java.class.path", "")), FileTime.fromMillis(Long.parseLong(seconds.strip()) * 1000));
            } catch (RuntimeException e) {
                LOG.debug("Jar times not restored", e);
            }
        });
    }

    static List<Path> classPathJars(String classPath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    /** Gives each jar {@code time} where it has another and can be changed; returns how many were changed. */
    static int restore(List<Path> jars, FileTime time) {
        int changed = 0;
        for (Path jar : jars) {
            try {
                if (Files.isRegularFile(jar) && !Files.getLastModifiedTime(jar).equals(time)) {
                    Files.setLastModifiedTime(jar, time);
                    changed++;
                }
            } catch (IOException | SecurityException e) {
                LOG.debug("Cannot set the time of {} ({}): the ahead-of-time cache stays unused", jar, e.toString());
                return changed; // a folder of the system's (Linux: the package set it): the rest are the same
            }
        }
        if (changed > 0) {
            LOG.info("Gave {} jars the time of the ahead-of-time cache: the next start uses it", changed);
        }
        return changed;
    }
}
