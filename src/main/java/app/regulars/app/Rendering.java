package app.regulars.app;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the window draws on Linux without a graphics processor (no {@code /dev/dri/renderD*}, no
 * {@code /dev/nvidia0}: a virtual machine, a remote desktop, a headless server's Xvfb). JavaFX
 * tries its OpenGL pipeline first, loads Mesa's software OpenGL (with LLVM) to find that it is no
 * GPU, and falls back to its own software pipeline; GTK loads the same to look at the screen's
 * OpenGL visuals. Mesa then stays loaded, unused: at 100,000 customers under Xvfb, 75 MB of the
 * window's memory (decision 0028). There the window starts with JavaFX's software pipeline
 * ({@code prism.order=sw}, without its cache of drawn backgrounds: {@link #software}) and GTK
 * without OpenGL ({@code GDK_GL=disable}). With a GPU, or when {@code -Dprism.order} is given,
 * nothing changes.
 */
final class Rendering {
    static final String ORDER = "prism.order";
    /**
     * JavaFX keeps the backgrounds of styled controls drawn once in a 2048 x 1024 texture; in the
     * software pipeline that is an {@code int[]} of 8.4 MB in the heap, from the first frame to the end.
     */
    static final String REGION_CACHING = "prism.disableRegionCaching";
    static final String GDK_GL = "GDK_GL";

    private Rendering() {
    }

    /** Whether this machine draws without a GPU: Linux, and {@code dev} has neither a DRI render node nor an NVIDIA device. */
    static boolean softwareOnly(String osName, Path dev) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        if (Files.exists(dev.resolve("nvidia0"))) {
            return false;
        }
        try (Stream<Path> nodes = Files.list(dev.resolve("dri"))) {
            return nodes.noneMatch(p -> p.getFileName().toString().startsWith("renderD"));
        } catch (IOException e) {
            return true; // no /dev/dri at all
        }
    }

    private static boolean softwareOnly() {
        return System.getProperty(ORDER) == null && softwareOnly(System.getProperty("os.name", ""), Path.of("/dev"));
    }

    /** For a JVM this one starts for the window (JvmOptions): GTK without OpenGL where there is no GPU. */
    static void environment(Map<String, String> env) {
        if (softwareOnly()) {
            env.putIfAbsent(GDK_GL, "disable");
        }
    }

    /**
     * Chooses the software pipeline in this JVM, before JavaFX starts, where there is no GPU; and,
     * when the environment does not say already, tells GTK (through the C library's
     * {@code setenv}, which it reads when it starts) to leave OpenGL alone.
     */
    static void choose() {
        if (!softwareOnly()) {
            return;
        }
        software(System.getProperties());
        if (System.getenv(GDK_GL) == null) {
            setenv(GDK_GL, "disable");
        }
    }

    /**
     * The software pipeline, without the cache of drawn backgrounds unless the command line asks
     * for it: drawing them again costs the window a little time per frame (the slowest search on
     * screen at 100,000 customers 32-38 ms against 26-28, decision 0056); keeping them, 8.4 MB of heap.
     */
    static void software(java.util.Properties properties) {
        properties.setProperty(ORDER, "sw");
        properties.putIfAbsent(REGION_CACHING, "true");
    }

    /** The C library's setenv; false when it cannot be called (no native access). */
    static boolean setenv(String name, String value) {
        try {
            Linker linker = Linker.nativeLinker();
            Optional<MemorySegment> setenv = linker.defaultLookup().find("setenv");
            if (setenv.isEmpty()) {
                return false;
            }
            MethodHandle call = linker.downcallHandle(setenv.get(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            try (Arena arena = Arena.ofConfined()) { // setenv copies the strings
                return (int) call.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1) == 0;
            }
        } catch (Throwable e) {
            return false;
        }
    }
}
