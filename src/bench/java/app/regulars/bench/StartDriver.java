package app.regulars.bench;

import app.regulars.app.Regulars;
import app.regulars.app.Shell;
import app.regulars.customer.CustomerRow;
import app.regulars.customer.CustomersPage;
import app.regulars.fx.Milestones;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs inside the app's own JVM for the start benchmark ({@link StartBenchmark}): starts the
 * real program ({@link Regulars#main}, the window on the data folder given), waits for the
 * milestones the app prints ({@link Milestones}: {@code -Dregulars.milestones=true}), then uses
 * it as a person would, through its controls: searches (each timed from typing to the first
 * row on screen), scrolls through the list, opens profiles, the calendar and the insights. Prints what it measured as {@code regulars-bench ...} lines and
 * {@code regulars-milestone scripted-use ...} when done; the benchmark then reads the
 * process's memory from outside and ends it.
 */
public final class StartDriver {
    /** Searches a shop's staff would type: surnames, names, initials, phone digits, an email domain, a tag, English. */
    static final List<String> QUERIES = List.of("wang", "wxm", "zhang wei", "li", "chen", "138", "5678", "qq.com", "vip",
            "smith", "王", "lin j");
    private static final long TIMEOUT_MS = 600_000;

    private StartDriver() {
    }

    public static void main(String[] args) {
        Path dir = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--data-dir")) {
                dir = Path.of(args[i + 1]);
            }
        }
        Path data = dir;
        Thread driver = new Thread(() -> {
            try {
                drive(data);
            } catch (Throwable e) {
                System.out.println("regulars-bench failed " + e);
                e.printStackTrace(System.out);
                System.out.flush();
            }
        }, "bench-driver");
        driver.setDaemon(true);
        driver.start();
        Regulars.main(args);
    }

    private static void drive(Path dir) throws Exception {
        waitFor(() -> Milestones.reached(Milestones.FIRST_ROWS), "the first rows");
        waitFor(() -> Milestones.reached(Milestones.SEARCH_INDEX), "the search index");
        waitFor(() -> Milestones.reached(Milestones.DAY_STARTED), "the start of the day");
        PhaseMemory memory = PhaseMemory.start("settle");
        Thread.sleep(1000);
        memory.next("searches");
        Shell shell = onFx(StartDriver::shell);
        onFx(() -> { // the day's jobs may have opened the calendar (something due today)
            ((ButtonBase) shell.getScene().lookup("#navCustomers")).fire();
            return null;
        });
        Thread.sleep(500);
        CustomersPage customers = onFx(() -> shell.page(CustomersPage.class));
        TableView<?> table = onFx(() -> customers.listView().table());
        TextField search = onFx(() -> (TextField) table.getScene().lookup("#customerSearch"));
        // Searches through the window, from the moment the text is set to the layout pass after the
        // first row of the answer is filled (a listener on the list, then one on the scene's
        // pulse; no polling); the same searches through SQL are timed after the run, in a JVM of
        // their own (SearchProbe).
        AtomicLong answered = new AtomicLong();
        AtomicBoolean armed = new AtomicBoolean();
        onFx(() -> {
            table.getItems().addListener((ListChangeListener<Object>) c -> {
                if (armed.get()) {
                    answerWhenShown(table, armed, answered);
                }
            });
            return null;
        });
        for (int round = 0; round < 2; round++) {
            for (String q : QUERIES) {
                answered.set(0);
                long t0 = System.nanoTime();
                onFx(() -> {
                    armed.set(true);
                    search.setText(q);
                    return null;
                });
                waitFor(() -> answered.get() != 0, "search " + q);
                int matches = onFx(() -> table.getItems().size());
                if (round == 1) { // the first round warms the code up
                    System.out.printf(Locale.ROOT, "regulars-bench search %s %.2f %d%n", q.replace(' ', '_'), (answered.get() - t0) / 1e6, matches);
                }
                Thread.sleep(300);
            }
        }
        onFx(() -> {
            search.setText("");
            return null;
        });
        Thread.sleep(1000);

        memory.next("scroll");
        // Scrolling through the whole list, a screen at a time in twenty places.
        int size = onFx(() -> table.getItems().size());
        for (int i = 0; i <= 20; i++) {
            int to = (int) ((long) (size - 1) * i / 20);
            onFx(() -> {
                table.scrollTo(to);
                return null;
            });
            Thread.sleep(150);
        }
        // Ten profiles, one after the other, back to the list after each.
        List<Long> someIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int at = (int) ((long) size * i / 10);
            someIds.add(customers.listViewModel().rows().idAt(at));
        }
        // Each timed from the call to the layout pass after it: the frame that shows the profile
        // (its data may still be coming). The first is the profile's first layout (decision 0045).
        memory.next("profiles");
        for (int i = 0; i < someIds.size(); i++) {
            long id = someIds.get(i);
            AtomicLong shown = new AtomicLong();
            long t0 = System.nanoTime();
            onFx(() -> {
                customers.openProfile(id);
                javafx.scene.Scene scene = customers.getScene();
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    if (shown.compareAndSet(0, System.nanoTime())) {
                        Platform.runLater(() -> scene.removePostLayoutPulseListener(once[0]));
                    }
                };
                scene.addPostLayoutPulseListener(once[0]);
                Platform.requestNextPulse();
                return null;
            });
            waitFor(() -> shown.get() != 0, "profile " + id);
            System.out.printf(Locale.ROOT, "regulars-bench profile %d %.2f%n", i + 1, (shown.get() - t0) / 1e6);
            Thread.sleep(700);
            onFx(() -> {
                customers.showList();
                return null;
            });
        }
        // The calendar, the insights, and back to the customers.
        for (String nav : List.of("#navCalendar", "#navInsights", "#navCustomers")) {
            memory.next(nav.substring("#nav".length()).toLowerCase(Locale.ROOT));
            onFx(() -> {
                ((ButtonBase) shell.getScene().lookup(nav)).fire();
                return null;
            });
            Thread.sleep(nav.equals("#navInsights") ? 8000 : 3000);
        }
        memory.next("end");
        Thread.sleep(2000);
        memory.stop();
        Milestones.reach("scripted-use");
        System.out.printf(Locale.ROOT, "regulars-milestone scripted-use %d%n", System.currentTimeMillis());
        System.out.flush();
    }

    /**
     * The search's answer is on screen: after a layout pass (where the table makes its cells, as
     * the list's first-rows moment is counted, decision 0037) its first row is filled, or nothing
     * was found. Looked at after each pulse's layout from the list's change on, not inside the
     * change: asking for the first row there would ask for its page too, a read the window
     * itself does not make. Called on the JavaFX thread.
     */
    private static void answerWhenShown(TableView<?> table, AtomicBoolean armed, AtomicLong answered) {
        javafx.scene.Scene scene = table.getScene();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            ObservableList<?> items = table.getItems();
            boolean shown = items.isEmpty() || ((CustomerRow) items.getFirst()).loadedProperty().get();
            if (!armed.get() || shown) {
                if (shown && armed.compareAndSet(true, false)) {
                    answered.set(System.nanoTime());
                }
                Platform.runLater(() -> scene.removePostLayoutPulseListener(check[0])); // not while the scene runs its listeners
            } else {
                Platform.requestNextPulse();
            }
        };
        scene.addPostLayoutPulseListener(check[0]);
        Platform.requestNextPulse();
    }

    /**
     * The process's RSS every 50 ms while the driver goes through its steps, with the heap as the
     * collector has it at that moment: for each step its largest RSS and what the heap had
     * committed and used then, printed as {@code regulars-bench memory STEP rssKb committedKb
     * usedKb nonHeapKb} when the step ends. Says which step the largest RSS of the use comes from,
     * and whether the heap grew with it or something outside it.
     */
    private static final class PhaseMemory {
        private final java.lang.management.MemoryMXBean beans = java.lang.management.ManagementFactory.getMemoryMXBean();
        private final Thread sampler;
        private volatile String step;
        private long largest;
        private long committed;
        private long used;
        private long nonHeap;

        private PhaseMemory(String first) {
            step = first;
            sampler = Thread.ofPlatform().daemon().name("bench-memory").start(this::sample);
        }

        static PhaseMemory start(String first) {
            return new PhaseMemory(first);
        }

        private void sample() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    read();
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }

        private synchronized void read() {
            long kb = rssKb();
            if (kb > largest) {
                largest = kb;
                java.lang.management.MemoryUsage heap = beans.getHeapMemoryUsage();
                committed = heap.getCommitted() / 1024;
                used = heap.getUsed() / 1024;
                nonHeap = beans.getNonHeapMemoryUsage().getCommitted() / 1024;
            }
        }

        synchronized void next(String following) {
            read();
            System.out.printf(Locale.ROOT, "regulars-bench memory %s %d %d %d %d%n", step, largest, committed, used, nonHeap);
            step = following;
            largest = 0;
        }

        void stop() {
            next("-");
            sampler.interrupt();
        }

        private static long rssKb() {
            try {
                for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D+", ""));
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                // not Linux: nothing to say
            }
            return 0;
        }
    }

    private static Shell shell() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof Shell s) {
                return s;
            }
        }
        throw new IllegalStateException("No window with the shell");
    }

    private static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.get()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("Gave up waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

}
