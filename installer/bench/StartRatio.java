import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;

/**
 * Start of the installed program against a bare JavaFX window, on the same machine, in the same
 * run ({@code ./mvnw -Pinstaller verify -Dinstaller.bench=true}, or after it:
 * {@code java installer/bench/StartRatio.java target/installer/image/Regulars}): from launching
 * the process to the window shown, for
 *
 * <ol>
 *   <li>{@code bare}: {@link BareWindow} (one label, 1280 × 800) as issue 14 measured it: the
 *       JDK that runs this program (with its default class data sharing archive, default
 *       options) and JavaFX's modular jars from {@code target/lib} on the module path;</li>
 *   <li>{@code bare, image's runtime}: the same on the image's own runtime
 *       ({@code lib/runtime/bin/java}, JavaFX linked in; it has no class data sharing archive);</li>
 *   <li>{@code regulars}: the image's launcher, as installed (its options and its
 *       ahead-of-time cache), on a sample store of 300 customers;</li>
 *   <li>{@code regulars, no AOT cache}: the same with {@code -XX:AOTMode=off}.</li>
 * </ol>
 *
 * One unmeasured round first, then {@code --runs} rounds (5 by default), each starting the
 * four one after the other; prints every time, the medians and the ratios to the bare window.
 * Both print the moment their stage has been shown ({@code -Dregulars.milestones=true} for
 * Regulars, through {@code JAVA_TOOL_OPTIONS}: the launcher takes no options). Needs a display
 * ({@code DISPLAY}); {@code --max-ratio R} makes it fail when Regulars' median is over R times the
 * bare window's.
 */
public final class StartRatio {
    /** {@code -Dfirst-rows=true}: Regulars' runs also print the time to the customer list's first rows. */
    static final boolean FIRST_ROWS = Boolean.getBoolean("first-rows");

    public static void main(String[] args) throws Exception {
        Path image = Path.of("target/installer/image/Regulars");
        int runs = 5;
        double maxRatio = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--max-ratio" -> maxRatio = Double.parseDouble(args[++i]);
                default -> image = Path.of(args[i]);
            }
        }
        image = image.toAbsolutePath().normalize();
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        boolean mac = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac");
        Path launcher = image.resolve(windows ? "Regulars.exe" : mac ? "Contents/MacOS/Regulars" : "bin/Regulars");
        Path java = image.resolve(windows ? "runtime/bin/java.exe" : mac ? "Contents/runtime/Contents/Home/bin/java" : "lib/runtime/bin/java");
        Path work = Path.of("target/installer/start-ratio").toAbsolutePath(); // run from the project's folder
        Files.createDirectories(work);
        Path bareJar = bareWindow(work);
        Path data = work.resolve("data");
        if (!Files.exists(data.resolve("regulars.mv.db"))) {
            int code = new ProcessBuilder(launcher.toString(), "--data-dir", data.toString(), "demo", "--customers", "300")
                    .inheritIO().start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("demo failed: " + code);
            }
        }

        Map<String, List<String>> commands = new LinkedHashMap<>();
        // The bare window as the issue measured it: this JDK (with its class data sharing archive)
        // and JavaFX's modular jars on the module path; and on the image's own runtime (no archive).
        String javafxJars;
        try (var jars = Files.list(Path.of("target/lib"))) {
            javafxJars = jars.filter(j -> j.getFileName().toString().matches("javafx-[a-z]+-[0-9.]+-[a-z0-9-]+\\.jar"))
                    .map(Path::toString).sorted().reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        }
        Path jdkJava = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        commands.put("bare", List.of(jdkJava.toString(), "--module-path", javafxJars, "--add-modules", "javafx.controls",
                "--enable-native-access=javafx.graphics", "-cp", bareJar.toString(), "BareWindow"));
        commands.put("bare, image's runtime", List.of(java.toString(), "--enable-native-access=javafx.graphics",
                "-cp", bareJar.toString(), "BareWindow"));
        commands.put("regulars", List.of(launcher.toString(), "--data-dir", data.toString()));
        commands.put("regulars, no AOT cache", List.of(launcher.toString(), "--data-dir", data.toString()));
        Map<String, String> toolOptions = Map.of(
                "bare", "",
                "bare, image's runtime", "",
                "regulars", "-Dregulars.milestones=true",
                "regulars, no AOT cache", "-Dregulars.milestones=true -XX:AOTMode=off");
        Map<String, List<Long>> times = new LinkedHashMap<>();
        commands.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        System.out.printf(Locale.ROOT, "Start to the window shown, ms (%d runs, alternating; one unmeasured round first)%n", runs);
        for (int round = 0; round <= runs; round++) {
            StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "run " + round + ":");
            for (var e : commands.entrySet()) {
                long ms = start(e.getValue(), toolOptions.get(e.getKey()));
                line.append(String.format(Locale.ROOT, "  %s %d", e.getKey(), ms));
                if (firstRows >= 0) {
                    line.append(String.format(Locale.ROOT, " (first rows %d)", firstRows));
                }
                if (round > 0) {
                    times.get(e.getKey()).add(ms);
                }
            }
            System.out.println(line);
        }
        double bare = median(times.get("bare"));
        System.out.printf(Locale.ROOT, "median: bare window %.2f s%n", bare / 1000);
        double worst = 0;
        for (String k : List.of("bare, image's runtime", "regulars", "regulars, no AOT cache")) {
            double m = median(times.get(k));
            System.out.printf(Locale.ROOT, "median: %s %.2f s, %.2f × the bare window%n", k, m / 1000, m / bare);
            if (k.equals("regulars")) {
                worst = m / bare;
            }
        }
        if (maxRatio > 0 && worst > maxRatio) {
            System.err.printf(Locale.ROOT, "Regulars took %.2f × the bare window's time to its window, more than %.2f%n", worst, maxRatio);
            System.exit(1);
        }
    }

    /** The last run's time to the customer list's first rows ({@link #FIRST_ROWS}), else -1. */
    static long firstRows = -1;

    /** Starts {@code command}, waits for its line saying the window is shown, ends it; the milliseconds from launch to that line. */
    static long start(List<String> command, String toolOptions) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!toolOptions.isEmpty()) {
            pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        firstRows = -1;
        long launched = System.currentTimeMillis();
        Process p = pb.start();
        long shown = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("bare-window ") || line.startsWith("regulars-milestone window ")) {
                    shown = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                    if (line.startsWith("bare-window ") || !FIRST_ROWS) {
                        break;
                    }
                }
                if (line.startsWith("regulars-milestone first-rows ")) {
                    firstRows = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)) - launched;
                    break;
                }
            }
            p.destroy(); // SIGTERM: Regulars closes its store
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        if (shown < 0) {
            throw new IllegalStateException("No window from " + command + " (exit " + p.exitValue() + "): is DISPLAY set?");
        }
        Thread.sleep(500); // let the ended process's memory go before the next start
        return shown - launched;
    }

    /** BareWindow.java compiled into a jar in {@code work}. */
    static Path bareWindow(Path work) throws IOException {
        Path source = Path.of(StartRatio.class.getProtectionDomain().getCodeSource() == null ? "installer/bench"
                : "installer/bench").resolve("BareWindow.java");
        if (!Files.exists(source)) {
            throw new IllegalStateException("Run from the project's folder: " + source + " is missing");
        }
        Path classes = work.resolve("bare-classes");
        Files.createDirectories(classes);
        Path jmods = Path.of("target/installer/jmods");
        tool("javac", "--module-path", jmods.toString(), "--add-modules", "javafx.controls", "-d", classes.toString(), source.toString());
        Path jar = work.resolve("bare.jar");
        Files.deleteIfExists(jar);
        tool("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        return jar;
    }

    static void tool(String name, String... args) {
        int code = ToolProvider.findFirst(name).orElseThrow().run(System.out, System.err, args);
        if (code != 0) {
            throw new IllegalStateException(name + " failed: " + code);
        }
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
