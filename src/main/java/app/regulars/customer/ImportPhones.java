package app.regulars.customer;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The phones a customer import's first pass put in E.164, kept for its second pass so that each
 * phone goes through libphonenumber once (decision 0035): per phone, a 64-bit hash of the text
 * as the file had it and the number (E.164 without its {@code +}, which fits a long); per row,
 * where its phones start. Twenty bytes or so a phone, never the rows themselves: a file of a
 * million rows keeps a few tens of megabytes. The second pass takes a row's number only when the
 * text it reads hashes as the first pass's did at the same place; anything else (the file
 * changed, a number that does not fit) goes through {@code fallback} again.
 */
final class ImportPhones {
    private final UnaryOperator<String> fallback;
    private long[] hashes = new long[1024];
    private long[] numbers = new long[1024];
    private int size;
    /** Row r's phones are {@code [starts[r], starts[r + 1])}. */
    private int[] starts = new int[1025];
    private int rows;

    ImportPhones(UnaryOperator<String> fallback) {
        this.fallback = fallback;
    }

    /** The first pass's phone function for the row being read: the fallback's answer, remembered. */
    UnaryOperator<String> recording() {
        return raw -> {
            String e164 = fallback.apply(raw);
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
                numbers = Arrays.copyOf(numbers, size * 2);
            }
            hashes[size] = hash(raw);
            numbers[size++] = packed(e164);
            return e164;
        };
    }

    /** Ends the row being read by the first pass (called for every row, numbers or not). */
    void endRow() {
        if (rows + 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[++rows] = size;
    }

    /** The second pass's phone function for row {@code r} (from 0): the first pass's numbers, in order. */
    UnaryOperator<String> replay(int r) {
        if (r >= rows) {
            return fallback;
        }
        int[] at = {starts[r]};
        int end = starts[r + 1];
        return raw -> {
            int i = at[0];
            if (i < end && numbers[i] > 0 && hashes[i] == hash(raw)) {
                at[0]++;
                return "+" + numbers[i];
            }
            at[0] = end; // not as the first pass read it: the rest of the row through libphonenumber too
            return fallback.apply(raw);
        };
    }

    /** E.164 as a long ({@code +8613812345678} → 8613812345678); 0 when it does not fit exactly. */
    private static long packed(String e164) {
        if (e164.length() < 2 || e164.length() > 19 || e164.charAt(0) != '+' || e164.charAt(1) == '0') {
            return 0;
        }
        long n = 0;
        for (int i = 1; i < e164.length(); i++) {
            char ch = e164.charAt(i);
            if (ch < '0' || ch > '9') {
                return 0;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    /** FNV-1a over the text's chars, 64 bits. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
