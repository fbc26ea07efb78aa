import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Packs the built program (target/regulars.jar and target/lib) into a self-contained app image
 * and the native installers of the system it runs on. Run by Maven (the default build makes the
 * image for the smoke test; the profile {@code installer} makes everything, see installer/README.md):
 *
 * <pre>java installer/Package.java --basedir . --version 0.1.0-SNAPSHOT [--aot] [--installers]</pre>
 *
 * <ol>
 *   <li>JavaFX's modular jars from the Maven repository become jmod files (their native
 *       libraries in the jmod's {@code lib} section, where jlink puts them into the runtime's
 *       {@code lib}), so that JavaFX runs as named modules;</li>
 *   <li>jlink makes the runtime from the JDK that runs this program (its run-time image: no
 *       jmods needed, JEP 493) and those jmods;</li>
 *   <li>jpackage makes the app image, the program on the class path, with the JVM options of
 *       src/main/resources/app/regulars/app/jvm.options;</li>
 *   <li>with {@code --aot}: a training run of the window on a sample store writes the
 *       ahead-of-time cache (JEP 483, 514, 515) into the image, and the launcher uses it;</li>
 *   <li>with {@code --installers}: jpackage makes the installers of this system from the image.</li>
 * </ol>
 * Needs only the JDK (25 or newer) that runs it; the installers need what jpackage needs
 * (fakeroot and dpkg-deb for .deb, rpmbuild for .rpm, WiX for .msi, Xcode's tools for .dmg).
 */
public final class Package {
    static final String NAME = "Regulars";
    static final String PACKAGE = "regulars";
    static final String MAIN_CLASS = "app.regulars.app.Regulars";
    static final String MAIN_JAR = "regulars.jar";
    static final String AOT_FILE = "regulars.aot";
    static final String VENDOR = "Regulars";
    static final String DESCRIPTION = "Regulars (熟客): an offline customer book for small shops";
    /** Windows: the same code for every version, so that a new installer upgrades the old one. */
    static final String WIN_UPGRADE_UUID = "8b6f2e1a-5c3d-4f7e-9a21-6d0c4b7e9f13";
    /** The JDK's modules the program needs (jdeps, then checked by running it); JavaFX's come on top. */
    static final List<String> JDK_MODULES = List.of(
            "java.base", "java.desktop", "java.logging", "java.management", "java.naming", "java.sql",
            "java.xml", "jdk.unsupported", "jdk.charsets", "jdk.localedata", "jdk.zipfs",
            "java.security.jgss"); // the PostgreSQL driver's (a shared store, decision 0030)
    static final List<String> JAVAFX_MODULES = List.of("javafx.base", "javafx.graphics", "javafx.controls");
    /**
     * The modification time of every jar in the image. The ahead-of-time cache is valid only for
     * jars with the times they had in the training run, and jpackage's installers copy them with
     * new times; the .deb's postinst gives them this time back (installer/linux/postinst), and
     * elsewhere the window does where it may write them (app/JarTimes, -Dregulars.jarTime).
     */
    static final java.time.Instant JAR_TIME = java.time.Instant.parse("2026-01-01T00:00:00Z");
    /** The sample store of the training run: the size of the first start's sample shop. */
    static final int TRAINING_CUSTOMERS = 300;
    /**
     * The training run ends at this moment of the start (fx/Milestones): the list's first rows
     * shown, its search index built, the day's jobs done (all three covered by the cache).
     */
    static final String EXIT_AT = System.getProperty("installer.exitAt", "day-started");

    private final Path basedir;
    private final Path target;
    private final Path out;
    private final String version;
    private final Os os = Os.current();
    /** {@code --add-exports} for JavaFX's internal packages the class path uses (see {@link #javafxExports}). */
    private List<String> exports = List.of();

    private Package(Path basedir, String version) {
        this.basedir = basedir.toAbsolutePath().normalize();
        this.target = this.basedir.resolve("target");
        this.out = target.resolve("installer");
        this.version = version;
    }

    public static void main(String[] args) throws Exception {
        Path basedir = Path.of(".");
        String version = "0.1.0";
        boolean aot = false;
        boolean installers = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--basedir" -> basedir = Path.of(args[++i]);
                case "--version" -> version = args[++i];
                case "--aot", "--aot=true" -> aot = true;
                case "--aot=false" -> aot = false;
                case "--installers", "--installers=true" -> installers = true;
                case "--installers=false" -> installers = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Package p = new Package(basedir, version);
        long started = System.nanoTime();
        Path image = p.appImage();
        if (aot) {
            p.train(image);
        }
        System.out.printf(Locale.ROOT, "[installer] app image %s: %.0f MB%n", image, mb(size(image)));
        if (installers) {
            for (Path installer : p.installers()) {
                System.out.printf(Locale.ROOT, "[installer] %s: %.1f MB%n", installer, mb(Files.size(installer)));
            }
        }
        System.out.printf(Locale.ROOT, "[installer] done in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------- the app image

    Path appImage() throws IOException, InterruptedException {
        Path jar = target.resolve(MAIN_JAR);
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("Build the program first: " + jar + " and " + lib + " are missing (./mvnw package)");
        }
        List<Path> javafx = new ArrayList<>();
        Path input = fresh(out.resolve("input"));
        Files.createDirectories(input.resolve("lib"));
        Files.copy(jar, input.resolve(MAIN_JAR));
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path j : jars.sorted().toList()) {
                String name = j.getFileName().toString();
                if (name.startsWith("javafx-")) {
                    // javafx-graphics-26.0.1-linux.jar holds the module; javafx-graphics-26.0.1.jar is an empty stand-in
                    if (name.matches("javafx-[a-z]+-[0-9.]+(-ea\\+[0-9]+)?-[a-z0-9-]+\\.jar")) {
                        javafx.add(j);
                    }
                } else {
                    Files.copy(j, input.resolve("lib").resolve(name));
                }
            }
        }
        if (javafx.size() < JAVAFX_MODULES.size()) {
            throw new IllegalStateException("JavaFX's platform jars are missing from " + lib + ": " + javafx);
        }
        exports = javafxExports(input, javafx);
        Path jmods = jmods(javafx);
        Path runtime = fresh(out.resolve("runtime"));
        Files.delete(runtime);
        List<String> modules = new ArrayList<>(JDK_MODULES);
        modules.addAll(JAVAFX_MODULES);
        run("jlink", "--module-path", jmods.toString(), "--add-modules", String.join(",", modules),
                "--include-locales=en,zh", "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", runtime.toString());
        // The base class data archive of the commands' JVM (command.options, decision 0047): jlink's
        // --generate-cds-archive makes none for compact object headers (classes_coh.jsa); without
        // it a command's JVM shares no class and maps no archive of its own (find 3.8 s against 1.6).
        exec(runtime.resolve("bin").resolve(os == Os.WINDOWS ? "java.exe" : "java"), Map.of(),
                "-XX:+UseCompactObjectHeaders", "-Xshare:dump", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

        Path dest = fresh(out.resolve("image"));
        List<String> args = new ArrayList<>(List.of("--type", "app-image", "--dest", dest.toString(),
                "--name", NAME, "--app-version", appVersion(), "--vendor", VENDOR, "--description", DESCRIPTION,
                "--runtime-image", runtime.toString(), "--input", input.toString(),
                "--main-jar", MAIN_JAR, "--main-class", MAIN_CLASS,
                "--icon", basedir.resolve("installer/icon").resolve(os.icon).toString()));
        for (String option : javaOptions()) {
            args.add("--java-options");
            args.add(option);
        }
        if (os == Os.WINDOWS) {
            // Regulars.exe has no console (a double click opens no black window): the command line
            // is regulars-cli.exe beside it, the same program with a console.
            args.addAll(List.of("--add-launcher", "regulars-cli=" + basedir.resolve("installer/windows/regulars-cli.properties")));
        }
        if (os == Os.MAC) {
            args.addAll(List.of("--mac-package-identifier", "app.regulars", "--mac-package-name", NAME));
        }
        run("jpackage", args.toArray(String[]::new));
        Path image = dest.resolve(os.imageName());
        try (Stream<Path> files = Files.walk(image.resolve(os.appDir()))) {
            for (Path j : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.setLastModifiedTime(j, java.nio.file.attribute.FileTime.from(JAR_TIME));
            }
        }
        return image;
    }

    /**
     * The launcher's JVM options: jvm.options (the one source, read as app/JvmOptions reads it),
     * with the native access granted to JavaFX's module as well (it is a named module here), and
     * the mark that keeps the window in this JVM ({@code regulars.jvmOptions}).
     */
    List<String> javaOptions() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(basedir.resolve("src/main/resources/app/regulars/app/jvm.options"))) {
            String option = line.strip();
            if (option.isEmpty() || option.startsWith("#")) {
                continue;
            }
            if (option.startsWith("--enable-native-access=")) {
                option = option + ",javafx.graphics";
            }
            options.add(option);
        }
        options.addAll(exports);
        options.add("-Dregulars.jvmOptions=true");
        options.add("-Dregulars.jarTime=" + JAR_TIME.getEpochSecond()); // app/JarTimes
        return options;
    }

    /**
     * On the class path, JavaFX's internal packages were open to every library; as modules they
     * are not exported, and a library that uses one fails when it gets there (ControlsFX's
     * {@code AutoCompletionBinding}, the tag field of the customer editor, uses
     * {@code com.sun.javafx.event}: an {@code IllegalAccessError}). So every internal JavaFX
     * package named in a class of the program's jars is exported to the class path:
     * {@code --add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED}, ...
     */
    static List<String> javafxExports(Path input, List<Path> javafxJars) throws IOException {
        Map<String, String> moduleOf = new java.util.HashMap<>();
        for (Path jar : javafxJars) {
            String module = "javafx." + jar.getFileName().toString().split("-")[1];
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && n.contains("/"))
                        .forEach(n -> moduleOf.put(n.substring(0, n.lastIndexOf('/')), module));
            }
        }
        java.util.regex.Pattern internal = java.util.regex.Pattern.compile("com/sun/(?:javafx|glass|prism|scenario)/[A-Za-z0-9_/$]+");
        java.util.TreeSet<String> exports = new java.util.TreeSet<>();
        List<Path> jars;
        try (Stream<Path> files = Files.walk(input)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : zip.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    String text;
                    try (InputStream in = zip.getInputStream(e)) {
                        text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    }
                    java.util.regex.Matcher m = internal.matcher(text);
                    while (m.find()) {
                        String name = m.group();
                        String pkg = name.substring(0, name.lastIndexOf('/'));
                        String module = moduleOf.get(pkg);
                        if (module != null) {
                            exports.add("--add-exports=" + module + "/" + pkg.replace('/', '.') + "=ALL-UNNAMED");
                        }
                    }
                }
            }
        }
        return List.copyOf(exports);
    }

    /** 0.1.0-SNAPSHOT → 0.1.0: jpackage takes numbers only. */
    String appVersion() {
        String v = version.replaceAll("[^0-9.].*$", "").replaceAll("\\.$", "");
        return v.isEmpty() ? "0.0.1" : v;
    }

    /**
     * JavaFX's jars as jmod files: the classes and resources, and the native libraries in the
     * jmod's {@code lib} section (jlink puts those into the runtime's {@code lib}, where JavaFX
     * loads them from; left in the jar they would be copied out into the user's home at every
     * first start of a version).
     */
    Path jmods(List<Path> jars) throws IOException {
        Path dir = out.resolve("jmods");
        Files.createDirectories(dir);
        Path work = fresh(out.resolve("jmods-work"));
        for (Path jar : jars) {
            String module;
            Path classes = work.resolve(jar.getFileName() + ".jar");
            Path libs = Files.createDirectories(work.resolve(jar.getFileName() + ".libs"));
            try (ZipFile zip = new ZipFile(jar.toFile());
                 ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(classes))) {
                String base = jar.getFileName().toString().split("-")[1];
                module = "javafx." + base;
                for (ZipEntry e : zip.stream().toList()) {
                    String n = e.getName();
                    if (e.isDirectory() || n.equals("META-INF/MANIFEST.MF") || n.equals("javafx-swt.jar")) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        if (!n.contains("/") && (n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib"))) {
                            Files.copy(in, libs.resolve(n));
                        } else {
                            z.putNextEntry(new ZipEntry(n));
                            in.transferTo(z);
                            z.closeEntry();
                        }
                    }
                }
            }
            Path jmod = dir.resolve(module + ".jmod");
            Files.deleteIfExists(jmod);
            run("jmod", "create", "--class-path", classes.toString(), "--libs", libs.toString(), jmod.toString());
        }
        deleteTree(work);
        return dir;
    }

    // ---------------------------------------------------------------- the ahead-of-time cache

    /**
     * The training run: the image's own launcher, on a sample store, opens the window, shows the
     * customer list, builds the search index, runs the day's jobs and closes
     * ({@code -Dregulars.exitAt=day-started}); the JVM writes what it loaded, linked and
     * profiled into the image ({@code -XX:AOTCacheOutput}), and the launcher's options get
     * {@code -XX:AOTCache=$APPDIR/regulars.aot}. The options come through
     * {@code JAVA_TOOL_OPTIONS} (the launcher reads no others), so the run has exactly the
     * launcher's class path and options. With no display (Linux without {@code DISPLAY}), the
     * window opens on JavaFX's headless platform; see installer/README.md for what that costs.
     */
    void train(Path image) throws IOException, InterruptedException {
        Path launcher = image.resolve(os.launcher());
        Path appDir = image.resolve(os.appDir());
        Path cache = appDir.resolve(AOT_FILE);
        Files.deleteIfExists(cache);
        Path data = fresh(out.resolve("training-data"));
        exec(launcher, Map.of(), "--data-dir", data.toString(), "demo", "--customers", String.valueOf(TRAINING_CUSTOMERS));
        String tool = "-XX:AOTCacheOutput=" + cache + " -Dregulars.exitAt=" + EXIT_AT;
        if (os == Os.LINUX && (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank())) {
            System.out.println("[installer] no DISPLAY: training on JavaFX's headless platform");
            tool += " -Dglass.platform=Headless -Dprism.order=sw";
        }
        long started = System.nanoTime();
        exec(launcher, Map.of("JAVA_TOOL_OPTIONS", tool), "--data-dir", data.toString());
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("The training run wrote no " + cache);
        }
        System.out.printf(Locale.ROOT, "[installer] AOT cache %s: %.0f MB, training %.0f s%n", cache, mb(Files.size(cache)),
                (System.nanoTime() - started) / 1e9);
        Path cfg = appDir.resolve(NAME + ".cfg");
        String text = Files.readString(cfg);
        String line = "java-options=-XX:AOTCache=$APPDIR/" + AOT_FILE;
        if (!text.contains(line)) {
            Files.writeString(cfg, text.stripTrailing() + System.lineSeparator() + line + System.lineSeparator());
        }
        deleteTree(data);
        if (os == Os.MAC && onPath("codesign")) {
            // the cache and the .cfg changed inside the bundle jpackage signed (ad hoc): sign it again
            ProcessBuilder sign = new ProcessBuilder("codesign", "--force", "--deep", "--sign", "-", image.toString()).inheritIO();
            if (sign.start().waitFor() != 0) {
                throw new IllegalStateException("codesign failed on " + image);
            }
        }
    }

    // ---------------------------------------------------------------- the installers

    List<Path> installers() throws IOException {
        Path image = out.resolve("image").resolve(os.imageName());
        Path dest = fresh(out.resolve("packages"));
        List<Path> made = new ArrayList<>();
        for (String type : os.types()) {
            List<String> args = new ArrayList<>(List.of("--type", type, "--dest", dest.toString(),
                    "--name", NAME, "--app-version", appVersion(), "--vendor", VENDOR, "--description", DESCRIPTION,
                    "--app-image", image.toString()));
            switch (os) {
                case LINUX -> args.addAll(List.of("--linux-package-name", PACKAGE, "--linux-shortcut",
                        "--linux-menu-group", "Office", "--linux-app-category", "office",
                        "--linux-deb-maintainer", "regulars@localhost", "--linux-rpm-license-type", "Proprietary",
                        "--icon", basedir.resolve("installer/icon/regulars.png").toString(),
                        "--resource-dir", linuxResources().toString()));
                case WINDOWS -> args.addAll(List.of("--win-shortcut", "--win-menu", "--win-menu-group", NAME,
                        "--win-per-user-install", "--win-upgrade-uuid", WIN_UPGRADE_UUID,
                        "--icon", basedir.resolve("installer/icon/regulars.ico").toString()));
                case MAC -> args.addAll(List.of("--mac-package-identifier", "app.regulars",
                        "--icon", basedir.resolve("installer/icon/regulars.icns").toString()));
            }
            run("jpackage", args.toArray(String[]::new));
        }
        try (Stream<Path> files = Files.list(dest)) {
            made.addAll(files.sorted().toList());
        }
        return made;
    }

    /**
     * installer/linux with the jars' time put into postinst and the icon as jpackage looks for it
     * ({@code Regulars.png}: given with --icon only, an installer made from an app image shows
     * Java's own).
     */
    Path linuxResources() throws IOException {
        Path dir = fresh(out.resolve("linux-resources"));
        try (Stream<Path> files = Files.list(basedir.resolve("installer/linux"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f).replace("JAR_TIME", String.valueOf(JAR_TIME.getEpochSecond()));
                Files.writeString(dir.resolve(f.getFileName()), text);
            }
        }
        Files.copy(basedir.resolve("installer/icon/regulars.png"), dir.resolve(NAME + ".png"));
        return dir;
    }

    // ---------------------------------------------------------------- the system

    enum Os {
        LINUX("regulars.png"), WINDOWS("regulars.ico"), MAC("regulars.icns");

        final String icon;

        Os(String icon) {
            this.icon = icon;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MAC : LINUX;
        }

        String imageName() {
            return this == MAC ? NAME + ".app" : NAME;
        }

        /** The launcher, in the image. */
        String launcher() {
            return switch (this) {
                case LINUX -> "bin/" + NAME;
                case WINDOWS -> NAME + ".exe";
                case MAC -> "Contents/MacOS/" + NAME;
            };
        }

        /** The folder of the program's jars and the launcher's .cfg, in the image ($APPDIR). */
        String appDir() {
            return switch (this) {
                case LINUX -> "lib/app";
                case WINDOWS -> "app";
                case MAC -> "Contents/app";
            };
        }

        List<String> types() {
            return switch (this) {
                case LINUX -> onPath("rpmbuild") ? List.of("deb", "rpm") : onPath("dpkg-deb") ? List.of("deb") : List.of();
                case WINDOWS -> List.of("msi");
                case MAC -> List.of("dmg");
            };
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers

    static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        long started = System.nanoTime();
        int code = provider.run(w, w, args);
        w.flush();
        if (code != 0) {
            throw new IllegalStateException(tool + " failed (" + code + "): " + String.join(" ", args) + System.lineSeparator() + text);
        }
        if (!text.toString().isBlank()) {
            System.out.print(text);
        }
        System.out.printf(Locale.ROOT, "[installer] %s %s: %.1f s%n", tool, args.length > 1 ? args[0] + " " + args[1] : "",
                (System.nanoTime() - started) / 1e9);
    }

    /** Runs the image's launcher, its output shown, and fails unless it ends with 0 within 5 minutes. */
    static void exec(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("Timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Exit code " + p.exitValue() + ": " + command);
        }
    }

    static Path fresh(Path dir) throws IOException {
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
