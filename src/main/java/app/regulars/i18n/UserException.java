package app.regulars.i18n;

/**
 * A failure the user can act on, told in the user's language: the message is a bundle key
 * with arguments, rendered by {@link Messages}. Never carries a stack trace to the UI.
 */
public class UserException extends RuntimeException {
    private final String key;
    private final transient Object[] args;

    public UserException(String key, Object... args) {
        this(null, key, args);
    }

    public UserException(Throwable cause, String key, Object... args) {
        super(key, cause);
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    public String localizedMessage(Messages messages) {
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof UserException inner) {
                shown[i] = inner.localizedMessage(messages); // a sentence of its own, in the same language
            }
        }
        return messages.get(key, shown);
    }
}
