package app.regulars.insight;

/**
 * Whether the purchase model could be fitted on the history: it needs {@code needed} customers
 * with repeat purchases; the history has {@code repeaters}. Without it, stages and value
 * classes follow the rules alone.
 */
public record ModelState(boolean fitted, int customers, int repeaters, int needed) {
    public static final int MIN_REPEATERS = 50;

    public static ModelState tooThin(int customers, int repeaters) {
        return new ModelState(false, customers, repeaters, MIN_REPEATERS);
    }
}
