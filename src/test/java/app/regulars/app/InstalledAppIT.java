package app.regulars.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke test of the app image that installer/Package.java made (target/installer/image, in
 * the build's pre-integration-test phase): its launcher, started as the installed program is,
 * with no JDK on the PATH and no JAVA_HOME, prints the version, makes a sample shop, finds a
 * customer in it and opens the window on it (JavaFX's headless platform), all without a warning;
 * and its runtime lets the libraries use what they used of JavaFX on the class path ({@link ImageProbe}).
 */
class InstalledAppIT {
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final boolean MAC = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac");

    @TempDir
    static Path work;
    private static Path data;
    private static Path launcher;

    record Run(int exit, String out, String err) {
        /** The standard error without the JVM's note that it read JAVA_TOOL_OPTIONS. */
        List<String> warnings() {
            return err.lines().filter(l -> !l.isBlank() && !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
        }
    }

    @BeforeAll
    static void findLauncher() {
        data = work.resolve("data");
        Path image = Path.of(System.getProperty("regulars.image", "target/installer/image"));
        // Windows: regulars-cli.exe is the launcher with a console (Regulars.exe, the shortcuts' one, has none)
        launcher = image.resolve(WINDOWS ? "Regulars/regulars-cli.exe" : MAC ? "Regulars.app/Contents/MacOS/Regulars" : "Regulars/bin/Regulars");
        assertThat(launcher).as("the app image's launcher (installer/Package.java makes it)").isExecutable();
    }

    @Test
    void printsItsVersion() throws Exception {
        Run run = run(null, "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Regulars ");
        assertThat(run.warnings()).isEmpty();
    }

    @Test
    void makesASampleShopAndFindsACustomerInItThenOpensTheWindowOnIt() throws Exception {
        Run demo = run(null, "--data-dir", data.toString(), "demo", "--customers", "50");
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("50 sample customers saved");
        assertThat(demo.warnings()).isEmpty();
        assertThat(Files.readString(data.resolve("logs/regulars.log"))).as("the command ran in a JVM of the command options, not the window's")
                .containsPattern("demo in a JVM with a heap of at most 3\\d\\d MB, \\[G1 ");

        // The demo's default seed makes 王军平, card 000026; wjp are the initials of the pinyin (ICU in the runtime)
        Run find = run("-Dstdout.encoding=UTF-8", "--data-dir", data.toString(), "find", "wjp");
        assertThat(find.exit()).as(find.err()).isZero();
        assertThat(find.out()).contains("000026\t王军平\t");
        assertThat(find.warnings()).containsExactly("1 customer matches."); // the count goes to the standard error

        // The window, JavaFX as modules of the runtime: no "unsupported configuration", no native-access or CSS warning
        Run window = run("-Dglass.platform=Headless -Dprism.order=sw -Dregulars.milestones=true -Dregulars.exitAt=first-rows",
                "--data-dir", data.toString());
        assertThat(window.exit()).as(window.err()).isZero();
        assertThat(window.out()).contains("regulars-milestone window", "regulars-milestone first-rows");
        assertThat(window.warnings()).isEmpty();
        assertThat(Files.readString(data.resolve("logs/regulars.log"))).doesNotContain(" ERROR ");
    }

    @Test
    void letsTheLibrariesUseWhatTheyUsedOfJavaFxOnTheClassPath() throws Exception {
        // The launcher's options and class path from its .cfg, and the test classes for the probe
        Path root = WINDOWS ? launcher.getParent() : launcher.getParent().getParent(); // Regulars/, Regulars.app/Contents/
        Path cfg = root.resolve(WINDOWS || MAC ? "app" : "lib/app").resolve("Regulars.cfg");
        Path runtime = root.resolve(WINDOWS ? "runtime" : MAC ? "runtime/Contents/Home" : "lib/runtime");
        String appDir = cfg.getParent().toString();
        List<String> options = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String line : Files.readAllLines(cfg)) {
            String value = line.substring(line.indexOf('=') + 1).replace("$APPDIR", appDir);
            if (line.startsWith("java-options=") && !value.startsWith("-XX:AOTCache")) {
                options.add(value);
            } else if (line.startsWith("app.classpath=")) {
                classPath.add(value);
            }
        }
        classPath.add(Path.of(ImageProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        List<String> command = new ArrayList<>();
        command.add(runtime.resolve(WINDOWS ? "bin/java.exe" : "bin/java").toString());
        command.addAll(options);
        command.addAll(List.of("-Dglass.platform=Headless", "-Dprism.order=sw", "-cp", String.join(File.pathSeparator, classPath),
                ImageProbe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as(String.join(" ", command)).contains("auto-completion bound").doesNotContain("WARNING");
    }

    /** Runs the launcher with no JDK on the PATH, no JAVA_HOME, and {@code toolOptions} as JAVA_TOOL_OPTIONS. */
    private static Run run(String toolOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.equalsIgnoreCase("JAVA_HOME") || k.equalsIgnoreCase("JDK_HOME")
                || k.equalsIgnoreCase("JAVA_TOOL_OPTIONS") || k.equalsIgnoreCase("JDK_JAVA_OPTIONS")
                || k.equalsIgnoreCase("_JAVA_OPTIONS") || k.equalsIgnoreCase("CLASSPATH"));
        String pathKey = env.keySet().stream().filter(k -> k.equalsIgnoreCase("PATH")).findFirst().orElse("PATH");
        String path = Arrays.stream(env.getOrDefault(pathKey, "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank() && !Files.exists(Path.of(dir, WINDOWS ? "java.exe" : "java")))
                .collect(Collectors.joining(File.pathSeparator));
        env.put(pathKey, path);
        env.put("LC_ALL", "C.UTF-8");
        if (toolOptions != null) {
            env.put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("Timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
