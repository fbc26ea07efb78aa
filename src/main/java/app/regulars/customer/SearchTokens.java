package app.regulars.customer;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens under which a customer is found. A query term matches when some token starts
 * with it, so the tokens hold every useful starting point: each word of the name and the
 * rest of the name from each Chinese character on (小明 finds 王小明), the full pinyin from
 * each syllable on (xiaoming), the initials from each on (wxm, xm), the phone's national
 * digits and, behind a marker, the same digits reversed (for "last digits"), the email and
 * its parts, the WeChat id, the code, every tag, the company, and the values of the custom text and
 * choice fields.
 */
public final class SearchTokens {
    /** Marks reversed phone digits, so they never match a forward query. */
    static final char REVERSED = '~';
    static final int MAX_TOKEN = 200;
    /**
     * Comes before every token in a customer's search text ({@link #text}): the unit
     * separator U+001F, a control character no token holds ({@link #of} leaves out a token with
     * one), so that a term starts a token exactly when separator + term occurs in the text.
     */
    public static final char SEPARATOR = '\u001f';

    /** What separates the words of a text: white space and punctuation. Compiled once: a search text is made per customer saved. */
    private static final java.util.regex.Pattern WORD_BREAKS = java.util.regex.Pattern.compile("[\\s\\p{Punct}]+");

    private SearchTokens() {
    }

    /** The ASCII digits of a text, as {@code replaceAll("\\D", "")} gives them. */
    static String digitsOf(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    public static Set<String> of(Customer c) {
        Set<String> tokens = new LinkedHashSet<>();
        addText(tokens, c.name());
        addIfPresent(tokens, c.code());
        for (String phone : c.phones()) {
            String digits = PhoneNumbers.nationalDigits(phone);
            tokens.add(digits);
            tokens.add(REVERSED + new StringBuilder(digits).reverse().toString());
            String full = digitsOf(phone);
            if (!full.equals(digits)) {
                tokens.add(full);
            }
        }
        if (c.email() != null && !c.email().isBlank()) {
            String email = normalize(c.email());
            tokens.add(email);
            int at = email.indexOf('@');
            if (at > 0) {
                tokens.add(email.substring(at + 1));
            }
        }
        addIfPresent(tokens, c.wechat());
        for (String tag : c.tags()) {
            addText(tokens, tag);
        }
        addText(tokens, c.company());
        if (c.fields() != null) { // the values of text and choice fields (decision 0027)
            for (FieldValue v : c.fields().values()) {
                if (v.kind().searchable()) {
                    addText(tokens, v.text());
                }
            }
        }
        tokens.removeIf(t -> t.isEmpty() || t.length() > MAX_TOKEN || t.indexOf(SEPARATOR) >= 0);
        return tokens;
    }

    /** The customer's tokens as {@code customer_search.search_text} holds them: each after a {@link #SEPARATOR}. */
    public static String text(Customer c) {
        return text(of(c));
    }

    static String text(Set<String> tokens) {
        int length = 0;
        for (String t : tokens) {
            length += t.length() + 1;
        }
        StringBuilder sb = new StringBuilder(length);
        for (String t : tokens) {
            sb.append(SEPARATOR).append(t);
        }
        return sb.toString();
    }

    private static void addIfPresent(Set<String> tokens, String value) {
        if (value != null && !value.isBlank()) {
            tokens.add(normalize(value));
        }
    }

    private static void addText(Set<String> tokens, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String normalized = normalize(text);
        tokens.add(normalized.replace(" ", ""));
        for (String word : WORD_BREAKS.split(normalized)) {
            if (!word.isEmpty()) {
                tokens.add(word);
            }
        }
        // Every suffix that starts at a Chinese character: 王小明 → 小明, 明.
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                tokens.add(normalized.substring(i).replace(" ", ""));
            }
            i += Character.charCount(cp);
        }
        Pinyin.Syllables py = Pinyin.of(text);
        if (py.hasHan()) {
            List<String> words = py.words();
            for (int i = 0; i < words.size(); i++) {
                tokens.add(String.join("", words.subList(i, words.size())));
            }
            String initials = py.initials();
            for (int i = 0; i < initials.length(); i++) {
                tokens.add(initials.substring(i));
            }
        }
    }

    /** Lower case, full-width folded (NFKC), trimmed: how both tokens and queries are compared. */
    public static String normalize(String s) {
        return (ascii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether every char is ASCII: a text NFKC and NFKD leave as it is. */
    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The terms of a query, normalized; a term of digits also matches reversed phone tokens. */
    public static List<String> terms(String query) {
        if (query == null) {
            return List.of();
        }
        String q = normalize(query);
        if (q.isEmpty()) {
            return List.of();
        }
        return List.of(q.split("\\s+"));
    }

    static boolean isDigits(String term) {
        return !term.isEmpty() && term.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    /** Sort key of a name: pinyin for Chinese, lower case otherwise, so 王 sorts among W. */
    public static String sortKey(String name) {
        String key = Pinyin.of(name).spaced();
        return key.isEmpty() ? normalize(name) : key;
    }
}
