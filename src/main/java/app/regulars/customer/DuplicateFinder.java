package app.regulars.customer;

import app.regulars.i18n.UserException;
import app.regulars.tables.Progress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Finds the pairs of customers who may be one person, without comparing every pair (decision
 * 0025). Customers are put in blocks by what duplicates share: each phone, the email, the name,
 * the pinyin of the name, the birthday. Pairs come from within a block only: everyone of a phone,
 * email, name or pinyin block; in a birthday block, those whose names are the same or close
 * (a small Damerau-Levenshtein distance, {@link #distance}), which finds "similar names with the
 * same birthday". A name or pinyin shared by more than {@value #COMMON} customers is a common one,
 * and a phone or email shared by more than {@value #SHARED} is a shop's or a family's: those blocks
 * give no pairs by themselves (they are counted in {@link Result#leftOut()}), but still count as
 * evidence for a pair that another block gives.
 *
 * <p>Each pair's reasons are then checked on the two customers, and combined as independent
 * evidence into a score: {@code 100 × (1 − Π(1 − w))}, with w the weight of each reason
 * ({@link #weight}): a shared phone or email 0.8, the same name 0.5 (0.2 when common), the same
 * pinyin 0.35 (0.15 when common), a similar name 0.3, the same birthday 0.5 with its year (0.3
 * without). So a phone alone scores 80, a name alone 50, a name and a birthday 75, a similar name
 * and a birthday 65, a phone and a name 90.
 */
public final class DuplicateFinder {
    /** A name or pinyin shared by more customers than this is common: not a reason to pair them on its own. */
    public static final int COMMON = 5;
    /** A phone or email shared by more customers than this is not theirs alone (a shop's, a family's). */
    public static final int SHARED = 20;

    /** One customer as the finder reads them: active, not erased. Phones as stored (E.164). */
    public record Person(long id, String code, String name, String sortName, String email, Birthday birthday, List<String> phones) {
        public Person {
            phones = phones == null ? List.of() : List.copyOf(phones);
        }
    }

    /** Two customer ids, the lower first: a pair dismissed as "Not a duplicate". */
    public record Pair(long low, long high) {
        public static Pair of(long a, long b) {
            return a < b ? new Pair(a, b) : new Pair(b, a);
        }
    }

    /**
     * What a search found: the pairs, likeliest first; how many blocks were too large to give
     * pairs on their own ({@link #COMMON}, {@link #SHARED}); how many customers were compared.
     */
    public record Result(List<DuplicatePair> pairs, int leftOut, int customers) {
        public Result {
            pairs = List.copyOf(pairs);
        }
    }

    private final List<Person> people;
    private final Set<Pair> dismissed;
    private final String[] nameKey;
    private final String[] pinyinKey;
    private final String[] emailKey;
    private final int[][] nameCodePoints;
    private final int[][] pinyinLetters;
    /** The characters of each name and pinyin as bits (a code point's bit: its value mod 64), for a quick lower bound of the distance. */
    private final long[] nameBits;
    private final long[] pinyinBits;
    private int[] nameCount;
    private int[] pinyinCount;
    /** Scratch rows of the distance, sized for the longest name. */
    private int[] row0 = new int[0];
    private int[] row1 = new int[0];
    private int[] row2 = new int[0];

    public DuplicateFinder(List<Person> people, Collection<Pair> dismissed) {
        this.people = List.copyOf(people);
        this.dismissed = new HashSet<>(dismissed);
        int n = this.people.size();
        nameKey = new String[n];
        pinyinKey = new String[n];
        emailKey = new String[n];
        nameCodePoints = new int[n][];
        pinyinLetters = new int[n][];
        nameBits = new long[n];
        pinyinBits = new long[n];
        for (int i = 0; i < n; i++) {
            Person p = this.people.get(i);
            nameKey[i] = nameKey(p.name());
            pinyinKey[i] = p.sortName() == null ? "" : withoutSpaces(p.sortName());
            emailKey[i] = p.email() == null || p.email().isBlank() ? null : p.email().strip().toLowerCase(java.util.Locale.ROOT);
            nameCodePoints[i] = nameKey[i].codePoints().toArray();
            pinyinLetters[i] = pinyinKey[i].chars().toArray();
            nameBits[i] = bits(nameCodePoints[i]);
            pinyinBits[i] = bits(pinyinLetters[i]);
        }
    }

    /** A name as compared: NFKC, lower case, without spaces. */
    static String nameKey(String name) {
        return name == null ? "" : withoutSpaces(SearchTokens.normalize(name));
    }

    private static String withoutSpaces(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (sb != null) {
                sb.append(ch);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static long bits(int[] codePoints) {
        long bits = 0;
        for (int cp : codePoints) {
            bits |= 1L << (cp & 63);
        }
        return bits;
    }

    /**
     * Whether two texts are surely more than {@code allowed} edits apart: their lengths differ by
     * more, or so many characters are in one and not the other (an edit adds or removes at most two
     * characters from the set of those present; characters that share a bit only make it smaller).
     */
    private static boolean surelyFar(int lengthA, int lengthB, long bitsA, long bitsB, int allowed) {
        return Math.abs(lengthA - lengthB) > allowed || Long.bitCount(bitsA ^ bitsB) > 2 * allowed;
    }

    /** Finds the pairs; {@code progress} goes from 0 to 100; a cancel is a {@code UserException} {@code common.cancelled}. */
    public Result find(Progress progress, BooleanSupplier cancelled) {
        int n = people.size();
        Set<Long> candidates = new HashSet<>();
        int[] leftOut = {0};

        Map<String, List<Integer>> byName = group(n, i -> nameKey[i].isEmpty() ? null : nameKey[i]);
        Map<String, List<Integer>> byPinyin = group(n, i -> pinyinKey[i].isEmpty() ? null : pinyinKey[i]);
        Map<String, List<Integer>> byEmail = group(n, i -> emailKey[i]);
        Map<String, List<Integer>> byPhone = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String phone : people.get(i).phones()) {
                byPhone.computeIfAbsent(phone, k -> new ArrayList<>(2)).add(i);
            }
        }
        nameCount = counts(n, byName, i -> nameKey[i]);
        pinyinCount = counts(n, byPinyin, i -> pinyinKey[i]);
        progress.update(10, 100);
        check(cancelled);
        leftOut[0] += pairsOf(byPhone.values(), SHARED, candidates);
        leftOut[0] += pairsOf(byEmail.values(), SHARED, candidates);
        leftOut[0] += pairsOf(byName.values(), COMMON, candidates);
        leftOut[0] += pairsOf(byPinyin.values(), COMMON, candidates);
        progress.update(20, 100);
        check(cancelled);

        // Similar names with the same birthday: within each birthday (calendar, month, day, leap
        // month), every pair whose years agree (the same, or one of them not given).
        Map<Integer, List<Integer>> byBirthday = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Birthday b = people.get(i).birthday();
            if (b != null) {
                byBirthday.computeIfAbsent(birthdayKey(b), k -> new ArrayList<>()).add(i);
            }
        }
        int done = 0;
        for (List<Integer> block : byBirthday.values()) {
            if (++done % 32 == 0) {
                check(cancelled);
                progress.update(20 + 70L * done / byBirthday.size(), 100);
            }
            if (block.size() < 2) {
                continue;
            }
            List<Integer> noYear = new ArrayList<>();
            List<Integer> withYear = new ArrayList<>();
            Map<Integer, List<Integer>> byYear = new HashMap<>();
            for (int i : block) {
                Integer year = people.get(i).birthday().year();
                if (year == null) {
                    noYear.add(i);
                } else {
                    withYear.add(i);
                    byYear.computeIfAbsent(year, k -> new ArrayList<>()).add(i);
                }
            }
            for (List<Integer> sameYear : byYear.values()) {
                eachPair(sameYear, candidates);
            }
            eachPair(noYear, candidates);
            for (int i : noYear) {
                for (int j : withYear) {
                    closeNames(i, j, candidates);
                }
            }
        }
        progress.update(90, 100);
        check(cancelled);

        List<DuplicatePair> pairs = new ArrayList<>(candidates.size());
        for (long key : candidates) {
            int i = (int) (key >>> 32);
            int j = (int) key;
            Person a = people.get(i);
            Person b = people.get(j);
            if (dismissed.contains(Pair.of(a.id(), b.id()))) {
                continue;
            }
            Set<DuplicateReason> reasons = reasons(i, j);
            if (!reasons.isEmpty() && !(reasons.size() == 1 && reasons.contains(DuplicateReason.BIRTHDAY))) {
                Person first = a.id() < b.id() ? a : b;
                Person second = first == a ? b : a;
                pairs.add(new DuplicatePair(side(first), side(second), reasons, score(i, j, reasons)));
            }
        }
        pairs.sort(Comparator.comparingInt(DuplicatePair::score).reversed()
                .thenComparing(p -> p.a().name(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(p -> p.a().code())
                .thenComparing(p -> p.b().code()));
        progress.update(100, 100);
        return new Result(pairs, leftOut[0], n);
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new UserException("common.cancelled");
        }
    }

    private static Map<String, List<Integer>> group(int n, java.util.function.IntFunction<String> key) {
        Map<String, List<Integer>> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String k = key.apply(i);
            if (k != null) {
                out.computeIfAbsent(k, x -> new ArrayList<>(2)).add(i);
            }
        }
        return out;
    }

    private static int[] counts(int n, Map<String, List<Integer>> groups, java.util.function.IntFunction<String> key) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> g = groups.get(key.apply(i));
            out[i] = g == null ? 0 : g.size();
        }
        return out;
    }

    /** Adds every pair of each group of 2 to {@code limit} members; returns how many larger groups were left out. */
    private static int pairsOf(Collection<List<Integer>> groups, int limit, Set<Long> candidates) {
        int leftOut = 0;
        for (List<Integer> g : groups) {
            if (g.size() > limit) {
                leftOut++;
                continue;
            }
            for (int x = 0; x < g.size(); x++) {
                for (int y = x + 1; y < g.size(); y++) {
                    add(g.get(x), g.get(y), candidates);
                }
            }
        }
        return leftOut;
    }

    private static void add(int i, int j, Set<Long> candidates) {
        if (i != j) {
            int lo = Math.min(i, j);
            int hi = Math.max(i, j);
            candidates.add(((long) lo << 32) | hi);
        }
    }

    private void eachPair(List<Integer> members, Set<Long> candidates) {
        for (int x = 0; x < members.size(); x++) {
            for (int y = x + 1; y < members.size(); y++) {
                closeNames(members.get(x), members.get(y), candidates);
            }
        }
    }

    private void closeNames(int i, int j, Set<Long> candidates) {
        if (sameOrSimilar(i, j)) {
            add(i, j, candidates);
        }
    }

    private boolean sameOrSimilar(int i, int j) {
        return (!nameKey[i].isEmpty() && nameKey[i].equals(nameKey[j]))
                || (!pinyinKey[i].isEmpty() && pinyinKey[i].equals(pinyinKey[j]))
                || similar(i, j);
    }

    /**
     * Names a typo or two apart: at most 1 edit (a letter or character added, left out, changed,
     * or two swapped) between names of 3 to 7 characters, 2 from 8 on; or their pinyin as far
     * apart, counted the same way from 8 letters on (王小明 and "Wang Xiaomin"). Names of 1 or 2
     * characters are never similar, only the same: 王伟 and 王菲 are two people.
     */
    private boolean similar(int i, int j) {
        int[] a = nameCodePoints[i];
        int[] b = nameCodePoints[j];
        int allowed = allowed(Math.max(a.length, b.length), 3);
        if (allowed > 0 && !surelyFar(a.length, b.length, nameBits[i], nameBits[j], allowed) && distance(a, b, allowed) <= allowed) {
            return true;
        }
        int[] x = pinyinLetters[i];
        int[] y = pinyinLetters[j];
        int allowedPinyin = allowed(Math.max(x.length, y.length), 8);
        boolean latinBoth = pinyinKey[i].equals(nameKey[i]) && pinyinKey[j].equals(nameKey[j]); // then the names were compared already
        return allowedPinyin > 0 && !latinBoth && !surelyFar(x.length, y.length, pinyinBits[i], pinyinBits[j], allowedPinyin)
                && distance(x, y, allowedPinyin) <= allowedPinyin;
    }

    private static int allowed(int length, int shortest) {
        if (length < shortest) {
            return 0;
        }
        return length >= 8 ? 2 : 1;
    }

    /**
     * The Damerau-Levenshtein distance between {@code a} and {@code b} (optimal string alignment:
     * insertions, deletions, substitutions and swaps of neighbours), or {@code max + 1} as soon as
     * it is known to be larger than {@code max}.
     */
    int distance(int[] a, int[] b, int max) {
        if (Math.abs(a.length - b.length) > max) {
            return max + 1;
        }
        int m = b.length + 1;
        if (row0.length < m) {
            row0 = new int[m];
            row1 = new int[m];
            row2 = new int[m];
        }
        int[] twoBack = row0;
        int[] back = row1;
        int[] current = row2;
        for (int y = 0; y < m; y++) {
            back[y] = y;
        }
        for (int x = 1; x <= a.length; x++) {
            current[0] = x;
            int rowMin = x;
            for (int y = 1; y < m; y++) {
                int cost = a[x - 1] == b[y - 1] ? 0 : 1;
                int d = Math.min(Math.min(back[y] + 1, current[y - 1] + 1), back[y - 1] + cost);
                if (x > 1 && y > 1 && a[x - 1] == b[y - 2] && a[x - 2] == b[y - 1]) {
                    d = Math.min(d, twoBack[y - 2] + 1);
                }
                current[y] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = twoBack;
            twoBack = back;
            back = current;
            current = t;
        }
        return Math.min(back[m - 1], max + 1);
    }

    /** The distance without a bound (tests). */
    static int distance(String a, String b) {
        DuplicateFinder f = new DuplicateFinder(List.of(), List.of());
        int max = Math.max(a.length(), b.length()) + 1;
        return f.distance(a.codePoints().toArray(), b.codePoints().toArray(), max);
    }

    private static int birthdayKey(Birthday b) {
        return (b.kind() == Birthday.Kind.LUNAR ? 1 : 0) * 100_000 + (b.leapMonth() ? 1 : 0) * 10_000 + b.month() * 100 + b.day();
    }

    /** What the two customers share, checked on them. */
    private Set<DuplicateReason> reasons(int i, int j) {
        Person a = people.get(i);
        Person b = people.get(j);
        EnumSet<DuplicateReason> out = EnumSet.noneOf(DuplicateReason.class);
        for (String phone : a.phones()) {
            if (b.phones().contains(phone)) {
                out.add(DuplicateReason.PHONE);
                break;
            }
        }
        if (emailKey[i] != null && emailKey[i].equals(emailKey[j])) {
            out.add(DuplicateReason.EMAIL);
        }
        if (!nameKey[i].isEmpty() && nameKey[i].equals(nameKey[j])) {
            out.add(DuplicateReason.NAME);
        } else if (!pinyinKey[i].isEmpty() && pinyinKey[i].equals(pinyinKey[j])) {
            out.add(DuplicateReason.PINYIN);
        } else if (similar(i, j)) {
            out.add(DuplicateReason.SIMILAR_NAME);
        }
        if (sameBirthday(a.birthday(), b.birthday())) {
            out.add(DuplicateReason.BIRTHDAY);
        }
        return out;
    }

    static boolean sameBirthday(Birthday a, Birthday b) {
        return a != null && b != null && a.kind() == b.kind() && a.month() == b.month() && a.day() == b.day()
                && a.leapMonth() == b.leapMonth() && (a.year() == null || b.year() == null || a.year().equals(b.year()));
    }

    private int score(int i, int j, Set<DuplicateReason> reasons) {
        double notTheSame = 1;
        for (DuplicateReason r : reasons) {
            notTheSame *= 1 - weight(r, i, j);
        }
        return (int) Math.round(100 * (1 - notTheSame));
    }

    /** How much a reason says on its own (see the class comment). */
    private double weight(DuplicateReason reason, int i, int j) {
        return switch (reason) {
            case PHONE, EMAIL -> 0.8;
            case NAME -> Math.max(nameCount[i], nameCount[j]) > COMMON ? 0.2 : 0.5;
            case PINYIN -> Math.max(pinyinCount[i], pinyinCount[j]) > COMMON ? 0.15 : 0.35;
            case SIMILAR_NAME -> 0.3;
            case BIRTHDAY -> people.get(i).birthday().year() != null && people.get(j).birthday().year() != null ? 0.5 : 0.3;
        };
    }

    private static DuplicatePair.Side side(Person p) {
        return new DuplicatePair.Side(p.id(), p.code(), p.name(), p.phones());
    }
}
