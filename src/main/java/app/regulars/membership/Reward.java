package app.regulars.membership;

/** An entry of the rewards catalogue. */
public record Reward(Long id, String name, int costPoints, boolean active) {
}
