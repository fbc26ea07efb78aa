package app.regulars.testing;

import javafx.print.Printer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The print queue that {@code .ci/print-queue} sets up: CUPS with CUPS-PDF, which writes every
 * job it is sent as a PDF file into a folder. {@code REGULARS_PRINT_QUEUE} names the queue and
 * {@code REGULARS_PRINT_OUT} the folder. Without them (a machine without CUPS) a printing test
 * is skipped; with them, the queue must be the default printer, because that is where the
 * Print… buttons print when no dialog can be shown (JavaFX accepts its print dialog at once
 * with {@code java.awt.headless=true}, as the tests run).
 */
public final class PrintQueue {
    public static final String QUEUE_VARIABLE = "REGULARS_PRINT_QUEUE";
    public static final String OUT_VARIABLE = "REGULARS_PRINT_OUT";

    private final String name;
    private final Path folder;

    private PrintQueue(String name, Path folder) {
        this.name = name;
        this.folder = folder;
    }

    /**
     * The queue named by the environment, or the test is skipped when there is none (call in
     * {@code @BeforeEach}, so that each skipped test carries the reason in its report).
     */
    public static PrintQueue assumeSetUp() {
        String name = System.getenv(QUEUE_VARIABLE);
        String out = System.getenv(OUT_VARIABLE);
        assumeTrue(name != null && !name.isBlank() && out != null && !out.isBlank(),
                "No print queue to print on: " + QUEUE_VARIABLE + " and " + OUT_VARIABLE
                        + " are not set (.ci/print-queue sets up a CUPS-PDF queue; see README, For developers)");
        return new PrintQueue(name, Path.of(out));
    }

    /**
     * Fails unless this queue is the default printer, where the Print… buttons print: a test must
     * never print on a real printer. Call on the test's thread.
     */
    public void assertDefault() {
        Printer printer;
        try {
            printer = WaitForAsyncUtils.asyncFx(Printer::getDefaultPrinter).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (printer == null || !printer.getName().equals(name)) {
            throw new AssertionError("The default printer is " + (printer == null ? "none" : printer.getName()) + ", not the test queue "
                    + name + ": nothing was printed. Make " + name + " the default (lpadmin -d " + name + ") or run with PRINTER=" + name + ".");
        }
        if (!Files.isDirectory(folder)) {
            throw new AssertionError(OUT_VARIABLE + " is " + folder + ", which is not a folder");
        }
    }

    public String name() {
        return name;
    }

    /** The PDF files in the queue's folder now: call before printing, and hand to {@link #awaitJob}. */
    public Set<Path> files() {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pdf")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (up to a minute) for the one new PDF file the printed job turns into: CUPS-PDF writes it
     * after the job has left the program, through Ghostscript. The file counts once it ends with
     * {@code %%EOF}, has stopped growing and opens; it is moved to {@code target/printed/NAME.pdf}
     * for people to look at, which leaves the queue's folder as it was.
     */
    public Path awaitJob(Set<Path> before, String name) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long lastSize = -1;
        while (System.nanoTime() < deadline) {
            List<Path> added = files().stream().filter(p -> !before.contains(p)).toList();
            if (added.size() > 1) {
                throw new AssertionError("one job printed, " + added.size() + " files arrived: " + added);
            }
            if (added.size() == 1) {
                Path file = added.getFirst();
                long size = size(file);
                if (size > 0 && size == lastSize && endsWithEof(file) && opens(file)) {
                    return keep(file, name);
                }
                lastSize = size;
            }
            sleep();
        }
        throw new AssertionError("no PDF arrived in " + folder + " within a minute (queue " + this.name
                + "; CUPS-PDF logs to /var/log/cups/cups-pdf-" + this.name + "_log)");
    }

    private static Path keep(Path file, String name) {
        try {
            Path kept = Screenshots.directory().resolveSibling("printed").resolve(name + ".pdf");
            Files.createDirectories(kept.getParent());
            return Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean endsWithEof(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String tail = new String(bytes, Math.max(0, bytes.length - 32), Math.min(32, bytes.length), StandardCharsets.ISO_8859_1);
            return tail.strip().endsWith("%%EOF");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean opens(Path file) {
        try (PDDocument ignored = Loader.loadPDF(file.toFile())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
