package app.regulars.customer;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check pass's half of duplicates on import (decision 0024): decides, row by row, where each
 * row of a customer file goes, a chunk of rows at a time. A row is matched first with the
 * customers already there (its card number, then each of its phones, then its email in any case:
 * three indexed {@code IN} lists per chunk, see {@link CustomerRepository#matches}), then with the
 * earlier rows of the file by the same keys; the first match wins. With {@link OnDuplicate#SKIP}
 * a match is skipped; with {@link OnDuplicate#FILL} or {@link OnDuplicate#OVERWRITE} it goes to
 * that customer (an erased one is skipped: nothing may become theirs again), or to the customer
 * the earlier row makes. A row that matches nothing adds a customer.
 *
 * <p>Held for the second pass: the plan (a {@code long} per row) and, per key, the first row or
 * customer that has it: the card numbers (as the check pass kept before), the phones as numbers
 * in a primitive table, the emails. Never the rows.
 */
final class ImportMatcher {
    /** A row that adds a customer. */
    static final long ADD = 0;
    /** A row that is skipped. */
    static final long SKIP = Long.MIN_VALUE;

    private final CustomerService customers;
    private final OnDuplicate rule;
    /** Key -> where the first row with it went: a customer's id (above 0), or -(r + 1) for row r that adds one, or SKIP. */
    private final Map<String, Long> codes = new HashMap<>();
    private final Map<String, Long> emails = new HashMap<>();
    private final LongTable phones = new LongTable();
    private long[] plan = new long[1024];
    private int rows;
    private int skipped;
    /** The rows that add a customer that later rows go to. */
    private final BitSet followed = new BitSet();

    ImportMatcher(CustomerService customers, OnDuplicate rule) {
        if (!rule.matches()) {
            throw new IllegalArgumentException("ADD matches nothing");
        }
        this.customers = customers;
        this.rule = rule;
    }

    /**
     * Plans the next rows of the file, in file order: each one's customer as checked, or null for
     * a row with problems (the import will be refused; its plan is to skip).
     */
    void plan(List<Customer> chunk) {
        Set<String> chunkCodes = new LinkedHashSet<>();
        Set<String> chunkPhones = new LinkedHashSet<>();
        Set<String> chunkEmails = new LinkedHashSet<>();
        for (Customer c : chunk) {
            if (c != null) {
                if (c.code() != null) {
                    chunkCodes.add(c.code());
                }
                chunkPhones.addAll(c.phones());
                if (c.email() != null) {
                    chunkEmails.add(c.email());
                }
            }
        }
        CustomerRepository.Matches there = chunkCodes.isEmpty() && chunkPhones.isEmpty() && chunkEmails.isEmpty()
                ? new CustomerRepository.Matches(Map.of(), Map.of(), Map.of(), Set.of())
                : customers.matches(chunkCodes, chunkPhones, chunkEmails);
        for (Customer c : chunk) {
            int r = rows;
            long target = c == null ? SKIP : target(c, there);
            if (c != null) {
                long key = target == ADD ? -(r + 1L) : target;
                if (c.code() != null) {
                    codes.putIfAbsent(c.code(), key);
                }
                for (String p : c.phones()) {
                    phones.putIfAbsent(number(p), key);
                }
                if (c.email() != null) {
                    emails.putIfAbsent(CustomerService.emailKey(c.email()), key);
                }
            }
            if (target < 0 && target != SKIP) {
                followed.set((int) (-target - 1));
            }
            if (target == SKIP && c != null) {
                skipped++;
            }
            if (rows == plan.length) {
                plan = Arrays.copyOf(plan, rows * 2);
            }
            plan[rows++] = target;
        }
    }

    private long target(Customer c, CustomerRepository.Matches there) {
        Long stored = c.code() == null ? null : there.byCode().get(c.code());
        for (int i = 0; stored == null && i < c.phones().size(); i++) {
            stored = there.byPhone().get(c.phones().get(i));
        }
        if (stored == null && c.email() != null) {
            stored = there.byEmail().get(CustomerService.emailKey(c.email()));
        }
        if (stored != null) {
            return rule == OnDuplicate.SKIP || there.erased().contains(stored) ? SKIP : stored;
        }
        Long earlier = c.code() == null ? null : codes.get(c.code());
        for (int i = 0; earlier == null && i < c.phones().size(); i++) {
            long v = phones.get(number(c.phones().get(i)));
            earlier = v == LongTable.NONE ? null : v;
        }
        if (earlier == null && c.email() != null) {
            earlier = emails.get(CustomerService.emailKey(c.email()));
        }
        if (earlier != null) {
            return rule == OnDuplicate.SKIP ? SKIP : earlier;
        }
        return ADD;
    }

    /** An E.164 number as a number: its digits (at most 15, so they fit). */
    private static long number(String e164) {
        return Long.parseLong(e164.substring(1));
    }

    /** Where row {@code r} goes: {@link #ADD}, {@link #SKIP}, a customer's id, or -(k + 1) for the customer row k adds. */
    long planOf(int r) {
        return plan[r];
    }

    /** Whether later rows go to the customer row {@code r} adds. */
    boolean followed(int r) {
        return followed.get(r);
    }

    int rows() {
        return rows;
    }

    /** Rows the plan skips (not counting rows with problems). */
    int skipped() {
        return skipped;
    }

    /** A table of long keys (never 0) to long values, open addressing: 16 bytes a key at most half full. */
    static final class LongTable {
        static final long NONE = Long.MAX_VALUE;
        private long[] keys = new long[1 << 12];
        private long[] values = new long[1 << 12];
        private int size;

        long get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
                if (keys[i] == 0) {
                    return NONE;
                }
            }
        }

        void putIfAbsent(long key, long value) {
            if (key == 0) {
                throw new IllegalArgumentException("0 is no key");
            }
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return;
                }
                if (keys[i] == 0) {
                    keys[i] = key;
                    values[i] = value;
                    size++;
                    return;
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new long[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    putIfAbsent(oldKeys[i], oldValues[i]);
                }
            }
        }
    }
}
