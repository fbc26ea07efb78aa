package app.regulars.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of the window, kept in one place ({@code jvm.options} beside this class:
 * a heap limit that suits an 8 GB laptop, the collector), and the start of the window in a JVM
 * that has them. {@code java -jar regulars.jar} cannot carry JVM options, so when the window is
 * asked for and this JVM was started without them, {@link Regulars} starts a second JVM with
 * them and waits for it (docs/decisions/0014-start-and-memory.md). The installed app's launcher
 * passes the same options (installer/Package.java reads this file when it makes the image) and
 * marks its JVM with {@link #MARK}.
 */
public final class JvmOptions {
    /** Set ({@code -Dregulars.jvmOptions=true}) on a JVM that runs with the options: it starts no other. */
    public static final String MARK = "regulars.jvmOptions";
    /** {@code -Dregulars.relaunch=false} keeps the window in the JVM as started. */
    public static final String RELAUNCH = "regulars.relaunch";

    private JvmOptions() {
    }

    /** The options, in order, from {@code jvm.options}. */
    public static List<String> load() {
        return load("jvm.options");
    }

    /** The options of a command's JVM, in order, from {@code command.options} ({@link #relaunchCommand}). */
    public static List<String> loadCommand() {
        return load("command.options");
    }

    private static List<String> load(String file) {
        try (InputStream in = JvmOptions.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the program");
            }
            List<String> options = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String option = line.strip();
                    if (!option.isEmpty() && !option.startsWith("#")) {
                        options.add(option);
                    }
                }
            }
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the window should start in a JVM of its own with the options: not when this one
     * carries the mark, has a heap limit given by whoever started it ({@code -Xmx}, which then
     * wins), or was told not to.
     */
    static boolean relaunchWanted(List<String> jvmArguments) {
        if (Boolean.getBoolean(MARK) || "false".equalsIgnoreCase(System.getProperty(RELAUNCH))) {
            return false;
        }
        return jvmArguments.stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize")
                || a.startsWith("-XX:MaxRAM") || a.startsWith("-D" + MARK));
    }

    /**
     * The command that starts the window with the options: this JVM's {@code java}, the options,
     * then this JVM's own arguments (given later, they win over ours), the mark, the class path,
     * the entry point and the program's arguments.
     */
    static List<String> command(List<String> options, List<String> jvmArguments, String classPath, String[] args) {
        return command(options, List.of(), jvmArguments, classPath, args);
    }

    /** The same with {@code sharing} (the class data archive's options, {@link #classDataSharing}) after ours, before the caller's. */
    static List<String> command(List<String> options, List<String> sharing, List<String> jvmArguments, String classPath, String[] args) {
        return java(List.of(options, sharing, jvmArguments), MARK, classPath, args);
    }

    /** This JVM's {@code java} with {@code optionLists} in order, {@code mark} set, the class path, the entry point and {@code args}. */
    private static List<String> java(List<List<String>> optionLists, String mark, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        optionLists.forEach(command::addAll);
        command.add("-D" + mark + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(Regulars.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The class data archive of the window's JVM: the program's classes as the JVM has read,
     * checked and laid them out, kept in the user's cache folder and mapped at the next start
     * instead of read again from the jars (decision 0036). The JVM writes it when the window
     * closes if it is missing ({@code -XX:+AutoCreateSharedArchive}, JDK 19 and later). Its name
     * follows the class path and the jars' size and time ({@link #classDataArchive}): the JVM
     * passes over an archive of other jars but does not make it again, so after an update the
     * name is new, the first start makes it, and the archives of earlier jars of the same class
     * path are deleted. An archive is kept only from a start that showed the list ({@link
     * #ARCHIVE_SHOWN}). The JVM's own messages about the archive stay off the console. Empty when
     * the folder cannot be made or written: the window then starts as before. The installed app
     * has the installers' ahead-of-time cache instead (decision 0017).
     */
    static List<String> classDataSharing(Path archive) {
        try {
            java.nio.file.Files.createDirectories(archive.getParent());
            if (!java.nio.file.Files.isWritable(archive.getParent())) {
                return List.of();
            }
            String name = archive.getFileName().toString();
            String family = name.substring(0, name.lastIndexOf('-') + 1);
            try (var earlier = java.nio.file.Files.newDirectoryStream(archive.getParent(), family + "*.jsa")) {
                for (Path old : earlier) {
                    if (!old.equals(archive)) {
                        java.nio.file.Files.deleteIfExists(old);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<String> options = new java.util.ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off,cds+dynamic=off"));
        if (!java.nio.file.Files.exists(archive)) {
            options.add("-D" + ARCHIVE_SHOWN + "=" + shownMark(archive)); // this start makes it: kept if it shows the list
        }
        return options;
    }

    /**
     * {@code -Dregulars.archiveShown=FILE}: the window's JVM makes its class data archive in this
     * start, and writes FILE as it ends if the customer list's first rows were on screen. The JVM
     * archives the classes it has loaded when it ends: a window that ended before its list (no
     * display, a folder open elsewhere, closed on its first screen) left an archive of a third of
     * them, mapped at every later start of the same jars, which took 1.5-2 s longer to their first
     * rows (decision 0044). The launcher deletes such an archive: the next start makes it again.
     */
    static final String ARCHIVE_SHOWN = "regulars.archiveShown";

    /** The file that says the start which made {@code archive} showed the list. */
    static Path shownMark(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".shown");
    }

    /**
     * In the window's JVM: when it makes its class data archive ({@link #ARCHIVE_SHOWN}), says as it
     * ends whether the list's first rows were shown.
     */
    static void reportArchiveAtExit() {
        String mark = System.getProperty(ARCHIVE_SHOWN);
        if (mark != null && !mark.isBlank()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
                    markShown(Path.of(mark), app.regulars.fx.Milestones.reached(app.regulars.fx.Milestones.FIRST_ROWS)),
                    "regulars-archive-shown"));
        }
    }

    static void markShown(Path mark, boolean shown) {
        if (shown) {
            try {
                java.nio.file.Files.writeString(mark, "");
            } catch (IOException e) {
                // no mark: the archive is made again at the next start, as if it were the first
            }
        }
    }

    /**
     * In the launcher, once the window that was to make {@code archive} has ended: keeps it only if
     * that window showed its list ({@link #ARCHIVE_SHOWN}); the mark goes either way.
     */
    static void keepArchiveIfShown(Path archive) {
        Path mark = shownMark(archive);
        try {
            if (!java.nio.file.Files.exists(mark)) {
                java.nio.file.Files.deleteIfExists(archive);
            }
            java.nio.file.Files.deleteIfExists(mark);
        } catch (IOException e) {
            // left as it is: the next start maps what there is
        }
    }

    /**
     * Where the window's JVM keeps its class data archive when started through {@code classPath}:
     * {@code regulars-<class path>-<its jars' sizes and times>.jsa} (two hashes) in the user's cache folder.
     */
    public static Path classDataArchive(String classPath) {
        long jars = 17;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            try {
                Path jar = Path.of(entry);
                jars = jars * 31 + java.nio.file.Files.size(jar);
                jars = jars * 31 + java.nio.file.Files.getLastModifiedTime(jar).toMillis();
            } catch (IOException | RuntimeException e) {
                jars = jars * 31; // not there: the JVM says so itself
            }
        }
        return app.regulars.store.DataDirectory.platformFolder(app.regulars.store.DataDirectory.Kind.CACHE).resolve("regulars-" + Integer.toHexString(classPath.hashCode()) + "-" + Long.toHexString(jars) + ".jsa");
    }

    /**
     * The window JVM's environment: glibc's malloc arenas limited to two ({@code MALLOC_ARENA_MAX},
     * unless set already). glibc gives threads that allocate at the same time arenas of their own,
     * up to eight per core; with two, the memory outside what the JVM tracks was 13 MB less at
     * 100,000 customers (decision 0028). Only the environment sets it: {@code mallopt} from the
     * running JVM comes after its threads have fixed the number. Other C libraries ignore it.
     * And, without a GPU, GTK without OpenGL ({@link Rendering}).
     */
    public static void environment(java.util.Map<String, String> env) {
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        Rendering.environment(env);
    }

    /**
     * Whether a command ({@code demo}, {@code import}, ...) should run in a JVM of its own with the
     * command options: not when this JVM is that one or was told not to start another, nor when
     * whoever started it gave a heap limit of their own; but always from the installed app's
     * launcher ({@code launcher}: its JVM has the window's options, a lean collector and the quick
     * compiler only, under which a demo of 100,000 customers took 192 s against 75 s).
     */
    static boolean commandRelaunchWanted(List<String> jvmArguments, boolean launcher) {
        if (Boolean.getBoolean(COMMAND_MARK) || "false".equalsIgnoreCase(System.getProperty(RELAUNCH))
                || jvmArguments.stream().anyMatch(a -> a.startsWith("-D" + COMMAND_MARK))) {
            return false;
        }
        return launcher || relaunchWanted(jvmArguments);
    }

    /**
     * The caller's own JVM arguments that a command's JVM gets after the command options: all of
     * them from {@code java -jar}; none from the installed launcher's JVM, whose arguments are the
     * window's options (its heap, collector, compiler, ahead-of-time cache and mark). Options a user
     * gives the installed app come through the environment ({@code JAVA_TOOL_OPTIONS}), which the
     * command's JVM inherits.
     */
    static List<String> callersOwn(List<String> jvmArguments, boolean launcher) {
        return launcher ? List.of() : jvmArguments;
    }

    /** The command that runs a command in a JVM with the command options: as {@link #command}, with the command's mark. */
    static List<String> commandCommand(List<String> options, List<String> sharing, List<String> callersOwn, String classPath, String[] args) {
        return java(List.of(options, sharing, callersOwn), COMMAND_MARK, classPath, args);
    }

    /**
     * The class data archive of a command's JVM, beside the window's and named after the same
     * class path and jars ({@link #classDataArchive}, {@code regulars-command-...jsa}): the first
     * command after an update makes it as it ends, the later ones map it (a {@code find} on a small
     * store 1.5-1.7 s instead of 2.5-2.9). Kept only from a command that succeeded
     * ({@link #relaunchCommand}): a mistyped one loads few of the program's classes.
     */
    static Path commandDataArchive(String classPath) {
        Path window = classDataArchive(classPath);
        return window.resolveSibling("regulars-command-" + window.getFileName().toString().substring("regulars-".length()));
    }

    /**
     * The archive's options for a command's JVM: those of the window's ({@link #classDataSharing})
     * without the window's mark; none unless every entry of {@code classPath} is a jar (the JVM
     * archives no folder, and a command whose archive it could not write would end with code 1).
     * The start benchmark gives its driven window these too (a start that does not show the list
     * fails the benchmark there).
     */
    public static List<String> commandDataSharing(Path archive, String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !java.nio.file.Files.isRegularFile(Path.of(entry))) {
                return List.of();
            }
        }
        return classDataSharing(archive).stream().filter(o -> !o.startsWith("-D" + ARCHIVE_SHOWN + "=")).toList();
    }

    /** Set ({@code -Dregulars.commandOptions=true}) on the JVM that runs a command with the command options. */
    public static final String COMMAND_MARK = "regulars.commandOptions";

    /**
     * Runs a command in a JVM with the command options ({@code command.options}: a heap limit, the
     * collector and compilers for long work; decision 0047) when this one lacks them, waits for it
     * and returns its exit code; empty when the command should run in this JVM.
     */
    static java.util.OptionalInt relaunchCommand(String[] args) {
        if (Boolean.getBoolean(COMMAND_MARK) || "false".equalsIgnoreCase(System.getProperty(RELAUNCH))) {
            return java.util.OptionalInt.empty();
        }
        boolean launcher = Boolean.getBoolean(MARK);
        // The launcher's JVM passes none of its arguments on (callersOwn), so it need not load java.management to read them.
        List<String> jvmArguments = launcher ? List.of() : ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!commandRelaunchWanted(jvmArguments, launcher)) {
            return java.util.OptionalInt.empty();
        }
        try {
            String classPath = System.getProperty("java.class.path");
            Path archive = commandDataArchive(classPath);
            boolean making = !java.nio.file.Files.exists(archive);
            ProcessBuilder start = new ProcessBuilder(commandCommand(loadCommand(), commandDataSharing(archive, classPath),
                    callersOwn(jvmArguments, launcher), classPath, args)).inheritIO();
            start.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            int exit = runAndWait(start.start());
            if (making && exit != 0) {
                try {
                    java.nio.file.Files.deleteIfExists(archive); // made by a command that failed: made again by the next
                } catch (IOException e) {
                    // left as it is (the command has run: never run it twice)
                }
            }
            return java.util.OptionalInt.of(exit);
        } catch (IOException | RuntimeException e) {
            System.err.println("Regulars: could not start the command with its JVM options (" + e.getMessage() + "); running it as is.");
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.of(1);
        }
    }

    /** Waits for {@code child} and returns its exit code; ended from outside (Ctrl+C, a kill), this JVM ends it too. */
    private static int runAndWait(Process child) throws InterruptedException {
        // Its own hooks close the store.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        return child.waitFor();
    }

    /**
     * Starts the window in a JVM with the options when this one lacks them, waits for it and
     * returns its exit code; empty when the window should open in this JVM instead (the options
     * are there, or the other JVM could not be started).
     */
    static java.util.OptionalInt relaunch(String[] args) {
        if (Boolean.getBoolean(MARK) || "false".equalsIgnoreCase(System.getProperty(RELAUNCH))) {
            return java.util.OptionalInt.empty(); // the launchers' JVM: not even java.management is loaded
        }
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!relaunchWanted(jvmArguments)) {
            return java.util.OptionalInt.empty();
        }
        try {
            String classPath = System.getProperty("java.class.path");
            Path archive = classDataArchive(classPath);
            List<String> sharing = classDataSharing(archive);
            boolean making = sharing.stream().anyMatch(o -> o.startsWith("-D" + ARCHIVE_SHOWN + "="));
            ProcessBuilder start = new ProcessBuilder(command(load(), sharing, jvmArguments, classPath, args)).inheritIO();
            environment(start.environment());
            int exit = runAndWait(start.start());
            if (making) {
                keepArchiveIfShown(archive);
            }
            return java.util.OptionalInt.of(exit);
        } catch (IOException | RuntimeException e) {
            System.err.println("Regulars: could not start the window with its JVM options (" + e.getMessage() + "); starting it as is.");
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.of(1);
        }
    }
}
