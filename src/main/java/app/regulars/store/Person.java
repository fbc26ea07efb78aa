package app.regulars.store;

/** Someone who signs in to a store in team mode (decision 0033); {@code active} false: cannot sign in. */
public record Person(long id, String name, Role role, boolean active) {
    public boolean owner() {
        return role == Role.OWNER;
    }
}
