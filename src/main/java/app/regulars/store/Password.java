package app.regulars.store;

import app.regulars.i18n.UserException;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The password a process was given to open an encrypted store (from the window's prompt, a
 * terminal prompt or {@code REGULARS_PASSWORD}), or {@link #NONE}. It derives the key of each set
 * of {@link StoreKey.Params} once (a derivation takes a few hundred milliseconds on purpose): the
 * data file and its backups share their parameters, so one derivation opens them all.
 */
public final class Password {
    /** No password given: an encrypted store asks for one ({@code store.error.passwordNeeded}). */
    public static final Password NONE = new Password(null, null);

    private volatile char[] chars;
    /** Asked the first time a key is needed (the command line's prompt): nothing is asked for data that is not encrypted. */
    private final java.util.function.Supplier<char[]> source;
    private final Map<StoreKey.Params, StoreKey> keys = new ConcurrentHashMap<>();

    private Password(char[] chars, java.util.function.Supplier<char[]> source) {
        this.chars = chars;
        this.source = source;
    }

    /** A password (copied: the caller may clear its array). */
    public static Password of(char[] chars) {
        return new Password(chars.clone(), null);
    }

    public static Password of(String text) {
        return new Password(text.toCharArray(), null);
    }

    /**
     * A password asked from {@code source} when a key is first needed (once); {@code source} throws a
     * {@code UserException} when there is nobody to ask.
     */
    public static Password asking(java.util.function.Supplier<char[]> source) {
        return new Password(null, source);
    }

    public boolean given() {
        return chars != null || source != null;
    }

    /** The characters, asked now if they are asked for; null for {@link #NONE}. */
    private char[] chars() {
        if (chars == null && source != null) {
            synchronized (this) {
                if (chars == null) {
                    chars = source.get().clone();
                }
            }
        }
        return chars;
    }

    /** The text itself (asked now if it is asked for), for a server's sign-in; null for {@link #NONE}. */
    char[] text() {
        return chars();
    }

    /** The key this password gives with {@code params}: {@code store.error.wrongPassword} if it is not this password's. */
    public StoreKey key(StoreKey.Params params) {
        char[] chars = chars();
        if (chars == null) {
            throw new UserException("store.error.passwordNeeded");
        }
        StoreKey known = keys.get(params);
        if (known != null) {
            return known;
        }
        StoreKey key = StoreKey.derive(chars, params);
        keys.put(params, key);
        return key;
    }

    /** A new key for this password (a new salt), remembered as this password's. */
    public StoreKey newKey() {
        char[] chars = chars();
        if (chars == null) {
            throw new UserException("store.error.passwordNeeded");
        }
        StoreKey key = StoreKey.create(chars);
        keys.put(key.params(), key);
        return key;
    }

    /** Whether this is the same text as {@code other} (for "type it twice"). */
    public boolean sameText(Password other) {
        char[] mine = chars();
        char[] theirs = other.chars();
        return mine != null && theirs != null && Arrays.equals(mine, theirs);
    }

    /** Whether nothing was typed. */
    public boolean empty() {
        char[] chars = chars();
        return chars == null || chars.length == 0;
    }

    @Override
    public String toString() {
        return given() ? "Password[given]" : "Password[none]"; // never the text
    }
}
