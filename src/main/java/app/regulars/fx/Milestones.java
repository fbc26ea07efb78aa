package app.regulars.fx;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The moments of a start: the window shown, the first rows of the customer list, the search
 * index built, the day's jobs done. The window waits on one (the day's jobs start once the first
 * rows are on screen, {@link #whenReached}); the start benchmark ({@code ./mvnw -Pbench-start
 * verify}) times them all. Silent unless the program runs with {@code -Dregulars.milestones=true};
 * then each moment, the first time it is reached in the process, is one line on the standard
 * output: {@code regulars-milestone NAME MILLISECONDS_SINCE_1970}.
 */
public final class Milestones {
    /** The program's {@code main} runs in the window's JVM (for {@code java -jar}, the second one). */
    public static final String MAIN = "main";
    public static final String WINDOW = "window";
    /** The data file is open and migrated, every feature opened on it. */
    public static final String STORE_OPEN = "store-open";
    /** The shell (navigation and the customer list, still empty) is on screen. */
    public static final String SHELL = "shell";
    /** The customer list's first rows laid out for the frame that draws them (not only filled into its model). */
    public static final String FIRST_ROWS = "first-rows";
    public static final String SEARCH_INDEX = "search-index";
    public static final String DAY_STARTED = "day-started";
    /** The columns that wait on the background lane (the segment) filled for the first time. */
    public static final String SLOW_COLUMNS = "slow-columns";

    private static final boolean ON = Boolean.getBoolean("regulars.milestones");
    private static final Set<String> REACHED = ConcurrentHashMap.newKeySet();
    private static final java.util.Map<String, java.util.List<Runnable>> WAITING = new java.util.HashMap<>();

    private Milestones() {
    }

    /** Notes that {@code name} is reached (printed once, when milestones are on). */
    public static void reach(String name) {
        if (!REACHED.add(name)) {
            return;
        }
        if (ON) {
            System.out.println("regulars-milestone " + name + " " + System.currentTimeMillis());
            System.out.flush();
        }
        java.util.List<Runnable> actions;
        synchronized (WAITING) {
            actions = WAITING.remove(name);
        }
        if (actions != null) {
            actions.forEach(Runnable::run);
        }
    }

    /** Runs {@code action} once {@code name} is reached: at once if it already is, else on the thread that reaches it. */
    public static void whenReached(String name, Runnable action) {
        synchronized (WAITING) {
            if (!REACHED.contains(name)) {
                WAITING.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(action);
                return;
            }
        }
        action.run();
    }

    /** Whether {@code name} has been reached in this process. */
    public static boolean reached(String name) {
        return REACHED.contains(name);
    }
}
