package app.regulars.customer;

import java.util.Locale;

/**
 * Why two customers may be one person, with how much it says on its own (a probability that
 * they are: the reasons of a pair combine as independent evidence, see {@link DuplicateFinder}).
 */
public enum DuplicateReason {
    /** One of their phones is the same (as stored: E.164). */
    PHONE,
    /** The same email, ignoring case. */
    EMAIL,
    /** The same name (ignoring case, width and spaces). */
    NAME,
    /** Names written differently that read the same in pinyin (王小明, 汪小明, Wang Xiaoming), or the same letters without accents. */
    PINYIN,
    /** Names a typo or two apart (王小明, 王晓明; Jon Smith, John Smith). */
    SIMILAR_NAME,
    /** The same birthday (the same year, or a year given by one of them only). */
    BIRTHDAY;

    /** Its bundle key. */
    public String key() {
        return "duplicates.reason." + name().toLowerCase(Locale.ROOT);
    }
}
