package app.regulars.membership;

import app.regulars.customer.CustomerRepository;
import app.regulars.customer.Birthday;
import app.regulars.store.jooq.tables.records.CouponRecord;
import app.regulars.store.jooq.tables.records.MemberTierRecord;
import app.regulars.store.jooq.tables.records.PointEntryRecord;
import app.regulars.store.jooq.tables.records.PurchaseRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static app.regulars.store.jooq.Tables.COUPON;
import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.CUSTOMER_PHONE;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.REWARD;
import static app.regulars.store.jooq.Tables.TIER_CHANGE;

/**
 * Purchases, ledger entries, rewards, coupons and tiers in the H2 file: the only place
 * their SQL lives (tier evaluation: {@link TierRepository}). Each method takes the
 * {@link DSLContext} of the caller's transaction.
 */
public final class MembershipRepository {

    /** Locks the customer's row until the transaction ends; empty when there is no such customer, else whether archived. */
    public Optional<Boolean> lockCustomer(DSLContext dsl, long customerId) {
        return dsl.select(CUSTOMER.ARCHIVED).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).forUpdate()
                .fetchOptional(CUSTOMER.ARCHIVED);
    }

    // ---- purchases ----

    public Purchase insertPurchase(DSLContext dsl, long customerId, LocalDateTime at, BigDecimal amount, String note,
                                   int points, LocalDateTime now) {
        return insertPurchase(dsl, customerId, at, amount, note, points, now, null, null, null);
    }

    /** A purchase with what was taken off: {@code amountBefore} null when nothing was. */
    public Purchase insertPurchase(DSLContext dsl, long customerId, LocalDateTime at, BigDecimal amount, String note,
                                   int points, LocalDateTime now, BigDecimal amountBefore, BigDecimal memberDiscount,
                                   BigDecimal couponDiscount) {
        PurchaseRecord r = dsl.newRecord(PURCHASE);
        r.setCustomerId(customerId);
        r.setPurchasedAt(at);
        r.setAmount(amount);
        r.setNote(note);
        r.setPoints(points);
        r.setVoided(false);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.setAmountBefore(amountBefore);
        r.setMemberDiscount(memberDiscount);
        r.setCouponDiscount(couponDiscount);
        r.store();
        return toPurchase(r, null);
    }

    /** The code of the coupon used with the purchase (null: none), for reading purchases with it. */
    private static final Field<String> COUPON_CODE = DSL.field(DSL.select(COUPON.CODE).from(COUPON).where(COUPON.PURCHASE_ID.eq(PURCHASE.ID)))
            .as("coupon_code");

    public Optional<Purchase> findPurchase(DSLContext dsl, long purchaseId) {
        return dsl.select(PURCHASE.asterisk(), COUPON_CODE).from(PURCHASE).where(PURCHASE.ID.eq(purchaseId))
                .fetchOptional(MembershipRepository::toPurchase);
    }

    public void updatePurchase(DSLContext dsl, long purchaseId, LocalDateTime at, BigDecimal amount, String note, int points,
                               BigDecimal amountBefore, LocalDateTime now) {
        dsl.update(PURCHASE).set(PURCHASE.PURCHASED_AT, at).set(PURCHASE.AMOUNT, amount).set(PURCHASE.NOTE, note)
                .set(PURCHASE.POINTS, points).set(PURCHASE.AMOUNT_BEFORE, amountBefore).set(PURCHASE.UPDATED_AT, now)
                .where(PURCHASE.ID.eq(purchaseId)).execute();
    }

    public void markVoided(DSLContext dsl, long purchaseId, String reason, LocalDateTime now) {
        dsl.update(PURCHASE).set(PURCHASE.VOIDED, true).set(PURCHASE.VOID_REASON, reason).set(PURCHASE.VOIDED_AT, now)
                .set(PURCHASE.UPDATED_AT, now).where(PURCHASE.ID.eq(purchaseId)).execute();
    }

    /** Newest first; {@code offset}/{@code limit} page through them. */
    public List<Purchase> purchases(DSLContext dsl, long customerId, boolean withVoided, int offset, int limit) {
        return dsl.select(PURCHASE.asterisk(), COUPON_CODE).from(PURCHASE)
                .where(PURCHASE.CUSTOMER_ID.eq(customerId).and(withVoided ? DSL.noCondition() : PURCHASE.VOIDED.isFalse()))
                .orderBy(PURCHASE.PURCHASED_AT.desc(), PURCHASE.ID.desc()).offset(offset).limit(limit)
                .fetch(MembershipRepository::toPurchase);
    }

    public MembershipService.PurchaseTotals totals(DSLContext dsl, long customerId, LocalDateTime from) {
        Record r = dsl.select(DSL.count(), DSL.coalesce(DSL.sum(PURCHASE.AMOUNT), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(DSL.when(PURCHASE.PURCHASED_AT.ge(from), PURCHASE.AMOUNT)), BigDecimal.ZERO))
                .from(PURCHASE).where(PURCHASE.CUSTOMER_ID.eq(customerId).and(PURCHASE.VOIDED.isFalse())).fetchOne();
        return new MembershipService.PurchaseTotals(r.get(0, Integer.class), r.get(1, BigDecimal.class).setScale(2),
                r.get(2, BigDecimal.class).setScale(2));
    }

    // ---- ledger ----

    public int balance(DSLContext dsl, long customerId) {
        Integer b = dsl.select(DSL.coalesce(DSL.sum(POINT_ENTRY.POINTS), BigDecimal.ZERO).cast(Integer.class))
                .from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(customerId)).fetchOne(0, Integer.class);
        return b == null ? 0 : b;
    }

    public List<PointEntry> ledger(DSLContext dsl, long customerId, int limit) {
        return dsl.selectFrom(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(customerId))
                .orderBy(POINT_ENTRY.ENTRY_AT.desc(), POINT_ENTRY.ID.desc()).limit(limit)
                .fetch(r -> new PointEntry(r.getId(), PointKind.valueOf(r.getKind()), r.getPoints(), r.getRemaining(),
                        r.getEntryAt(), r.getExpiresOn(), r.getPurchaseId(), r.getReason()));
    }

    /** A positive entry: a lot of points that later debits take from. */
    public void insertLot(DSLContext dsl, long customerId, PointKind kind, int points, LocalDateTime at, LocalDate expiresOn,
                          Long purchaseId, String reason) {
        PointEntryRecord e = dsl.newRecord(POINT_ENTRY);
        e.setCustomerId(customerId);
        e.setKind(kind.name());
        e.setPoints(points);
        e.setRemaining(points);
        e.setEntryAt(at);
        e.setExpiresOn(expiresOn);
        e.setPurchaseId(purchaseId);
        e.setReason(reason);
        e.store();
    }

    /**
     * Takes {@code points} from the customer's lots: those of {@code preferPurchase} first,
     * then the earliest to expire, first in first out. Returns what could not be taken.
     */
    public int takeFromLots(DSLContext dsl, long customerId, int points, Long preferPurchase) {
        List<PointEntryRecord> lots = dsl.selectFrom(POINT_ENTRY)
                .where(POINT_ENTRY.CUSTOMER_ID.eq(customerId).and(POINT_ENTRY.REMAINING.gt(0)))
                .orderBy(DSL.when(POINT_ENTRY.PURCHASE_ID.eq(preferPurchase == null ? -1L : preferPurchase), DSL.inline(0))
                                .otherwise(DSL.inline(1)).asc(),
                        POINT_ENTRY.EXPIRES_ON.asc().nullsLast(), POINT_ENTRY.ENTRY_AT.asc(), POINT_ENTRY.ID.asc())
                .fetch();
        int left = points;
        for (PointEntryRecord lot : lots) {
            if (left == 0) {
                break;
            }
            int take = Math.min(left, lot.getRemaining());
            lot.setRemaining(lot.getRemaining() - take);
            lot.store();
            left -= take;
        }
        return left;
    }

    public void insertDebit(DSLContext dsl, long customerId, PointKind kind, int points, LocalDateTime at, Long purchaseId,
                            Long rewardId, String reason) {
        PointEntryRecord e = dsl.newRecord(POINT_ENTRY);
        e.setCustomerId(customerId);
        e.setKind(kind.name());
        e.setPoints(-points);
        e.setRemaining(0);
        e.setEntryAt(at);
        e.setPurchaseId(purchaseId);
        e.setRewardId(rewardId);
        e.setReason(reason);
        e.store();
    }

    /** Set-based expiry of every lot due on or before {@code asOf}; returns the points expired. */
    public long expire(DSLContext dsl, LocalDate asOf) {
        Condition due = POINT_ENTRY.EXPIRES_ON.le(asOf).and(POINT_ENTRY.REMAINING.gt(0));
        Long total = dsl.select(DSL.coalesce(DSL.sum(POINT_ENTRY.REMAINING), BigDecimal.ZERO).cast(Long.class))
                .from(POINT_ENTRY).where(due).fetchOne(0, Long.class);
        dsl.insertInto(POINT_ENTRY, POINT_ENTRY.CUSTOMER_ID, POINT_ENTRY.KIND, POINT_ENTRY.POINTS, POINT_ENTRY.REMAINING,
                        POINT_ENTRY.ENTRY_AT, POINT_ENTRY.EXPIRES_ON, POINT_ENTRY.PURCHASE_ID, POINT_ENTRY.REASON)
                .select(dsl.select(POINT_ENTRY.CUSTOMER_ID, DSL.inline(PointKind.EXPIRED.name()), POINT_ENTRY.REMAINING.neg(),
                                DSL.inline(0), POINT_ENTRY.EXPIRES_ON.cast(LocalDateTime.class),
                                POINT_ENTRY.EXPIRES_ON, POINT_ENTRY.PURCHASE_ID, DSL.castNull(String.class))
                        .from(POINT_ENTRY).where(due))
                .execute();
        dsl.update(POINT_ENTRY).set(POINT_ENTRY.REMAINING, 0).where(due).execute();
        return total == null ? 0L : total;
    }

    public int expiring(DSLContext dsl, long customerId, LocalDate from, LocalDate to) {
        Integer n = dsl.select(DSL.coalesce(DSL.sum(POINT_ENTRY.REMAINING), BigDecimal.ZERO).cast(Integer.class))
                .from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(customerId)
                        .and(POINT_ENTRY.REMAINING.gt(0)).and(POINT_ENTRY.EXPIRES_ON.between(from, to)))
                .fetchOne(0, Integer.class);
        return n == null ? 0 : n;
    }

    // ---- rewards ----

    public List<Reward> rewards(DSLContext dsl, boolean activeOnly) {
        return dsl.selectFrom(REWARD).where(activeOnly ? REWARD.ACTIVE.isTrue() : DSL.noCondition())
                .orderBy(REWARD.COST_POINTS, REWARD.NAME)
                .fetch(r -> new Reward(r.getId(), r.getName(), r.getCostPoints(), r.getActive()));
    }

    public Optional<Reward> findReward(DSLContext dsl, long id) {
        return dsl.selectFrom(REWARD).where(REWARD.ID.eq(id)).fetchOptional(r -> new Reward(r.getId(), r.getName(), r.getCostPoints(), r.getActive()));
    }

    /** Inserts (id null) or updates; empty when the reward to update is gone. */
    public Optional<Reward> saveReward(DSLContext dsl, Reward reward) {
        var r = reward.id() == null ? dsl.newRecord(REWARD) : dsl.selectFrom(REWARD).where(REWARD.ID.eq(reward.id())).fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        r.setName(reward.name());
        r.setCostPoints(reward.costPoints());
        r.setActive(reward.active());
        r.store();
        return Optional.of(new Reward(r.getId(), r.getName(), r.getCostPoints(), r.getActive()));
    }

    // ---- coupons ----

    public Coupon insertCoupon(DSLContext dsl, long customerId, String code, CouponKind kind, BigDecimal amount, BigDecimal percent,
                               LocalDate from, LocalDate until, Integer birthdayYear, String note, LocalDateTime now) {
        CouponRecord r = dsl.newRecord(COUPON);
        r.setCustomerId(customerId);
        r.setCode(code);
        r.setKind(kind.name());
        r.setAmount(amount);
        r.setPercent(percent);
        r.setValidFrom(from);
        r.setValidUntil(until);
        r.setIssuedAt(now);
        r.setBirthdayYear(birthdayYear);
        r.setNote(note);
        r.store();
        return toCoupon(r);
    }

    public boolean couponCodeExists(DSLContext dsl, String code) {
        return dsl.fetchExists(COUPON, COUPON.CODE.eq(code));
    }

    public Optional<Coupon> findCoupon(DSLContext dsl, String code) {
        return dsl.selectFrom(COUPON).where(COUPON.CODE.eq(code)).fetchOptional(MembershipRepository::toCoupon);
    }

    public Optional<Coupon> findCoupon(DSLContext dsl, long couponId) {
        return dsl.selectFrom(COUPON).where(COUPON.ID.eq(couponId)).fetchOptional(MembershipRepository::toCoupon);
    }

    /** The coupon, its row locked until the transaction ends: a coupon is checked and used in one transaction, once. */
    public Optional<Coupon> lockCoupon(DSLContext dsl, long couponId) {
        return dsl.selectFrom(COUPON).where(COUPON.ID.eq(couponId)).forUpdate().fetchOptional(MembershipRepository::toCoupon);
    }

    /** The coupon used with a purchase, if any. */
    public Optional<Coupon> couponOfPurchase(DSLContext dsl, long purchaseId) {
        return dsl.selectFrom(COUPON).where(COUPON.PURCHASE_ID.eq(purchaseId)).fetchOptional(MembershipRepository::toCoupon);
    }

    /** Marks the coupon used at {@code now}, with {@code purchaseId} when given. */
    public void markCouponRedeemed(DSLContext dsl, long couponId, LocalDateTime now, Long purchaseId) {
        dsl.update(COUPON).set(COUPON.REDEEMED_AT, now).set(COUPON.PURCHASE_ID, purchaseId).where(COUPON.ID.eq(couponId)).execute();
    }

    /** Gives back (unused again) the coupons used with a purchase; returns how many. */
    public int returnCoupons(DSLContext dsl, long purchaseId) {
        return dsl.update(COUPON).setNull(COUPON.REDEEMED_AT).setNull(COUPON.PURCHASE_ID).where(COUPON.PURCHASE_ID.eq(purchaseId)).execute();
    }

    public List<Coupon> coupons(DSLContext dsl, long customerId) {
        return dsl.selectFrom(COUPON).where(COUPON.CUSTOMER_ID.eq(customerId))
                .orderBy(COUPON.ISSUED_AT.desc(), COUPON.ID.desc()).fetch(MembershipRepository::toCoupon);
    }

    public boolean hasBirthdayCoupon(DSLContext dsl, long customerId, int year) {
        return dsl.fetchExists(COUPON, COUPON.CUSTOMER_ID.eq(customerId)
                .and(COUPON.KIND.eq(CouponKind.BIRTHDAY.name())).and(COUPON.BIRTHDAY_YEAR.eq(year)));
    }

    /** Active customers marketing may reach (consent, and a channel not opted out of) who have a birthday, with it. */
    public List<Map.Entry<Long, Birthday>> birthdaysOfConsenting(DSLContext dsl) {
        List<Map.Entry<Long, Birthday>> out = new ArrayList<>();
        dsl.select(CUSTOMER.ID, CUSTOMER.BIRTHDAY_CALENDAR, CUSTOMER.BIRTH_YEAR, CUSTOMER.BIRTH_MONTH,
                        CUSTOMER.BIRTH_DAY, CUSTOMER.BIRTH_LEAP_MONTH)
                .from(CUSTOMER)
                .where(CustomerRepository.notArchived().and(CustomerRepository.marketingAllowed())
                        .and(CUSTOMER.BIRTH_MONTH.isNotNull()).and(CUSTOMER.BIRTH_DAY.isNotNull()))
                .forEach(r -> {
                    try {
                        out.add(Map.entry(r.value1(), new Birthday("LUNAR".equalsIgnoreCase(r.value2()) ? Birthday.Kind.LUNAR : Birthday.Kind.SOLAR,
                                r.value3(), r.value4(), r.value5(), Boolean.TRUE.equals(r.value6()))));
                    } catch (RuntimeException e) {
                        // an impossible stored date: no coupon rather than no coupons at all
                    }
                });
        return out;
    }

    // ---- tiers ----

    public List<Tier> tiers(DSLContext dsl) {
        return dsl.selectFrom(MEMBER_TIER).orderBy(MEMBER_TIER.POSITION).fetch(MembershipRepository::toTier);
    }

    /** The customer's current tier (the lowest when no evaluation has placed the customer yet). */
    public Tier currentTier(DSLContext dsl, long customerId) {
        return dsl.select(MEMBER_TIER.fields()).from(CUSTOMER_MEMBERSHIP).join(MEMBER_TIER).on(MEMBER_TIER.ID.eq(CUSTOMER_MEMBERSHIP.TIER_ID))
                .where(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.eq(customerId)).fetchOptional(r -> toTier(r.into(MEMBER_TIER)))
                .orElseGet(() -> tiers(dsl).get(0));
    }

    /** The current tier of each of these customers; customers without a membership row get the lowest tier. */
    public Map<Long, Tier> tiersOf(DSLContext dsl, java.util.Collection<Long> customerIds) {
        Map<Long, Tier> byId = new java.util.HashMap<>();
        List<Tier> all = tiers(dsl);
        all.forEach(t -> byId.put(t.id(), t));
        Map<Long, Tier> out = new java.util.HashMap<>();
        for (Long id : customerIds) {
            out.put(id, all.get(0));
        }
        dsl.select(CUSTOMER_MEMBERSHIP.CUSTOMER_ID, CUSTOMER_MEMBERSHIP.TIER_ID).from(CUSTOMER_MEMBERSHIP)
                .where(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.in(customerIds))
                .forEach(r -> out.put(r.value1(), byId.getOrDefault(r.value2(), all.get(0))));
        return out;
    }

    /**
     * Replaces the tiers by {@code checked} (validated, positions 0..n-1): updates those with
     * an id, inserts the new ones, moves members of removed tiers to the lowest and deletes
     * the removed ones. Returns false when a tier to update is gone.
     */
    public boolean replaceTiers(DSLContext dsl, List<Tier> checked) {
        dsl.update(MEMBER_TIER).set(MEMBER_TIER.POSITION, MEMBER_TIER.POSITION.plus(100000)).execute();
        List<Long> ids = new ArrayList<>();
        for (Tier t : checked) {
            MemberTierRecord r = t.id() == null ? dsl.newRecord(MEMBER_TIER)
                    : dsl.selectFrom(MEMBER_TIER).where(MEMBER_TIER.ID.eq(t.id())).fetchOne();
            if (r == null) {
                return false;
            }
            r.setName(t.name());
            r.setNameKey(t.nameKey());
            r.setPosition(t.position());
            r.setThreshold(t.threshold());
            r.setEarnRate(t.earnRate());
            r.setDiscountPercent(t.discountPercent());
            r.setBenefits(t.benefits());
            r.setColour(t.colour());
            r.store();
            ids.add(r.getId());
        }
        dsl.update(CUSTOMER_MEMBERSHIP).set(CUSTOMER_MEMBERSHIP.TIER_ID, ids.get(0))
                .where(CUSTOMER_MEMBERSHIP.TIER_ID.notIn(ids)).execute();
        dsl.deleteFrom(MEMBER_TIER).where(MEMBER_TIER.ID.notIn(ids)).execute();
        return true;
    }

    // ---- import and export ----

    /** Id and archived flag of the customers with these codes. */
    public Map<String, MembershipService.CustomerRef> customersByCode(DSLContext dsl, java.util.Collection<String> codes) {
        Map<String, MembershipService.CustomerRef> out = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 1000) {
            dsl.select(CUSTOMER.CODE, CUSTOMER.ID, CUSTOMER.ARCHIVED).from(CUSTOMER)
                    .where(CUSTOMER.CODE.in(all.subList(from, Math.min(all.size(), from + 1000))))
                    .forEach(r -> out.put(r.value1(), new MembershipService.CustomerRef(r.value2(), r.value3())));
        }
        return out;
    }

    /** Id and archived flag of the customers with these E.164 numbers (the first customer when shared). */
    public Map<String, MembershipService.CustomerRef> customersByPhone(DSLContext dsl, java.util.Collection<String> numbers) {
        Map<String, MembershipService.CustomerRef> out = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(numbers);
        for (int from = 0; from < all.size(); from += 1000) {
            dsl.select(CUSTOMER_PHONE.NUMBER, CUSTOMER.ID, CUSTOMER.ARCHIVED).from(CUSTOMER_PHONE).join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_PHONE.CUSTOMER_ID))
                    .where(CUSTOMER_PHONE.NUMBER.in(all.subList(from, Math.min(all.size(), from + 1000))))
                    .orderBy(CUSTOMER.ARCHIVED, CUSTOMER.ID)
                    .forEach(r -> out.putIfAbsent(r.value1(), new MembershipService.CustomerRef(r.value2(), r.value3())));
        }
        return out;
    }

    /**
     * The purchases of the customers {@code ids} (ascending, distinct), voided ones included, in
     * (customer, time) order: what an import compares its rows with. A thousand customers a query,
     * read with the index on (customer, time); an empty table is one query.
     */
    PurchasesHere purchasesOf(DSLContext dsl, long[] ids) {
        PurchasesHere.Builder here = new PurchasesHere.Builder();
        if (ids.length == 0 || !dsl.fetchExists(PURCHASE)) {
            return here.build();
        }
        for (int from = 0; from < ids.length; from += 1000) {
            List<Long> chunk = java.util.Arrays.stream(ids, from, Math.min(ids.length, from + 1000)).boxed().toList();
            try (var rows = dsl.select(PURCHASE.CUSTOMER_ID, PURCHASE.PURCHASED_AT, PURCHASE.AMOUNT).from(PURCHASE)
                    .where(PURCHASE.CUSTOMER_ID.in(chunk))
                    .orderBy(PURCHASE.CUSTOMER_ID, PURCHASE.PURCHASED_AT)
                    .fetchSize(1000).fetchLazy()) {
                for (var r : rows) {
                    here.add(r.value1(), r.value2(), r.value3());
                }
            }
        }
        return here.build();
    }

    /** Earn rate of each customer's current tier (customers without a membership row are absent). */
    public Map<Long, BigDecimal> earnRates(DSLContext dsl) {
        Map<Long, BigDecimal> out = new java.util.HashMap<>();
        dsl.select(CUSTOMER_MEMBERSHIP.CUSTOMER_ID, MEMBER_TIER.EARN_RATE).from(CUSTOMER_MEMBERSHIP)
                .join(MEMBER_TIER).on(MEMBER_TIER.ID.eq(CUSTOMER_MEMBERSHIP.TIER_ID))
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    public List<Long> customerIds(DSLContext dsl) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).orderBy(CUSTOMER.ID).fetch(CUSTOMER.ID);
    }

    public long maxPurchaseId(DSLContext dsl) {
        Long id = dsl.select(DSL.max(PURCHASE.ID)).from(PURCHASE).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /** Purchases sent to H2 in one JDBC batch. */
    static final int BATCH = 1_000;

    /**
     * Inserts purchases (points already computed) as JDBC batches of {@value #BATCH} rows of one
     * prepared statement: jOOQ's statement, rendered once, with the values bound straight to
     * JDBC (a jOOQ bind per value cost more than H2 itself at a million rows; docs/decisions/0012).
     */
    public void insertPurchases(DSLContext dsl, List<PurchaseLine> lines, int[] points, LocalDateTime now) {
        if (lines.isEmpty()) {
            return;
        }
        String sql = dsl.render(dsl.insertInto(PURCHASE, PURCHASE.CUSTOMER_ID, PURCHASE.PURCHASED_AT, PURCHASE.AMOUNT, PURCHASE.NOTE,
                        PURCHASE.POINTS, PURCHASE.VOIDED, PURCHASE.CREATED_AT, PURCHASE.UPDATED_AT)
                .values(DSL.val((Long) null), DSL.val((LocalDateTime) null), DSL.val((BigDecimal) null), DSL.val((String) null),
                        DSL.val((Integer) null), DSL.inline(false), DSL.val((LocalDateTime) null), DSL.val((LocalDateTime) null)));
        dsl.connection(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < lines.size(); i++) {
                    PurchaseLine l = lines.get(i);
                    ps.setLong(1, l.customerId());
                    ps.setObject(2, l.at());
                    ps.setBigDecimal(3, l.amount());
                    ps.setString(4, l.note());
                    ps.setInt(5, points[i]);
                    ps.setObject(6, now);
                    ps.setObject(7, now);
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                if (lines.size() % BATCH != 0) {
                    ps.executeBatch();
                }
            }
        });
    }

    /**
     * Deletes the purchases with ids in {@code (after, upTo]} and the ledger entries that point
     * at them: to undo an import, a range at a time (the entries first, as deleting a purchase
     * only unlinks them).
     */
    public int deletePurchases(DSLContext dsl, long after, long upTo) {
        dsl.deleteFrom(POINT_ENTRY).where(POINT_ENTRY.PURCHASE_ID.gt(after)).and(POINT_ENTRY.PURCHASE_ID.le(upTo)).execute();
        return dsl.deleteFrom(PURCHASE).where(PURCHASE.ID.gt(after)).and(PURCHASE.ID.le(upTo)).execute();
    }

    /**
     * The tables an import of about {@code purchases} purchases fills ({@link #insertPurchases}, {@link #earnForPurchasesAfter};
     * -1: not known): large next to what they hold, their indexes are made again after it (decision 0029).
     */
    public static app.regulars.store.Database.LoadInto importedPurchases(long purchases) {
        return app.regulars.store.Database.LoadInto.tables(purchases, PURCHASE, POINT_ENTRY);
    }

    /** One EARNED lot per purchase inserted after {@code afterId}, set-based. */
    public int earnForPurchasesAfter(DSLContext dsl, long afterId, int expiryMonths) {
        Field<LocalDate> expires = expiryMonths == 0 ? DSL.castNull(SQLDataType.LOCALDATE)
                : DSL.localDateAdd(PURCHASE.PURCHASED_AT.cast(SQLDataType.LOCALDATE), DSL.inline(expiryMonths), DatePart.MONTH);
        return dsl.insertInto(POINT_ENTRY, POINT_ENTRY.CUSTOMER_ID, POINT_ENTRY.KIND, POINT_ENTRY.POINTS, POINT_ENTRY.REMAINING,
                        POINT_ENTRY.ENTRY_AT, POINT_ENTRY.EXPIRES_ON, POINT_ENTRY.PURCHASE_ID)
                .select(dsl.select(PURCHASE.CUSTOMER_ID, DSL.inline(PointKind.EARNED.name()), PURCHASE.POINTS, PURCHASE.POINTS,
                                PURCHASE.PURCHASED_AT, expires, PURCHASE.ID)
                        .from(PURCHASE).where(PURCHASE.ID.gt(afterId).and(PURCHASE.POINTS.gt(DSL.inline(0)))))
                .execute();
    }

    /** Every purchase with its customer's code, oldest first, for an export. */
    public void forEachPurchase(DSLContext dsl, java.util.function.Consumer<List<Object>> row) {
        forEachPurchase(dsl, app.regulars.store.Database.ROWS_PER_READ, row);
    }

    /**
     * The same, read in windows of time of about {@code page} purchases: the window's end is the
     * time {@code page} purchases on in the index on {@code purchased_at}, and a window's rows are
     * sorted alone. Neither H2 nor the caller ever holds more than a window, where one query for
     * all of them had H2 keep some 200,000 rows in memory and jOOQ every record (an export of a
     * million purchases ran out of a 320 MB heap). A window ends after all the purchases of its
     * last moment, so two of the same time never fall on both sides of a boundary.
     */
    void forEachPurchase(DSLContext dsl, int page, java.util.function.Consumer<List<Object>> row) {
        LocalDateTime after = null;
        while (true) {
            Condition from = after == null ? DSL.noCondition() : PURCHASE.PURCHASED_AT.gt(after);
            LocalDateTime end = windowEnd(dsl, from, page);
            Condition window = end == null ? from : from.and(PURCHASE.PURCHASED_AT.le(end));
            try (var rows = dsl.select(CUSTOMER.CODE, CUSTOMER.NAME, PURCHASE.PURCHASED_AT, PURCHASE.AMOUNT, PURCHASE.POINTS, PURCHASE.NOTE,
                            PURCHASE.VOIDED, PURCHASE.VOID_REASON, PURCHASE.AMOUNT_BEFORE, PURCHASE.MEMBER_DISCOUNT, COUPON_CODE,
                            PURCHASE.COUPON_DISCOUNT, PURCHASE.ID)
                    .from(PURCHASE).join(CUSTOMER).on(CUSTOMER.ID.eq(PURCHASE.CUSTOMER_ID))
                    .where(window)
                    .orderBy(PURCHASE.PURCHASED_AT, PURCHASE.ID)
                    .fetchSize(1000).fetchLazy()) {
                for (var r : rows) {
                    row.accept(java.util.Arrays.asList(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                            r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13()));
                }
            }
            if (end == null) {
                return;
            }
            after = end;
        }
    }

    /**
     * The end (inclusive) of a window of time of about {@code page} purchases from those matching
     * {@code from} (a lower bound on {@code purchased_at}): the time {@code page} purchases on in
     * the index on {@code purchased_at}; null when fewer are left. A window read sorted alone
     * stays in H2's memory, where one query over a million purchases had H2 write its sorted
     * result to a temporary store and read it back (decision 0047, 0053).
     */
    public static LocalDateTime windowEnd(DSLContext dsl, Condition from, int page) {
        return dsl.select(PURCHASE.PURCHASED_AT).from(PURCHASE).where(from)
                .orderBy(PURCHASE.PURCHASED_AT).offset(page - 1).limit(1).fetchOne(PURCHASE.PURCHASED_AT);
    }

    static Purchase toPurchase(Record r) {
        return toPurchase(r.into(PURCHASE), r.get(COUPON_CODE));
    }

    static Purchase toPurchase(PurchaseRecord r, String couponCode) {
        return new Purchase(r.getId(), r.getCustomerId(), r.getPurchasedAt(), r.getAmount(), r.getNote(), r.getPoints(),
                r.getVoided(), r.getVoidReason(), r.getAmountBefore(), r.getMemberDiscount(), r.getCouponDiscount(), couponCode);
    }

    static Tier toTier(MemberTierRecord r) {
        return new Tier(r.getId(), r.getName(), r.getNameKey(), r.getPosition(), r.getThreshold(), r.getEarnRate(),
                r.getDiscountPercent(), r.getBenefits(), r.getColour());
    }

    static Coupon toCoupon(CouponRecord r) {
        return new Coupon(r.getId(), r.getCustomerId(), r.getCode(), CouponKind.valueOf(r.getKind()), r.getAmount(), r.getPercent(),
                r.getValidFrom(), r.getValidUntil(), r.getRedeemedAt(), r.getNote(), r.getPurchaseId());
    }

    // ---- erasure (decision 0021) ----

    /**
     * Leaves of an erased customer's membership only anonymous figures: purchases keep their date,
     * amounts and points but lose their notes and void reasons; the points ledger its reasons;
     * coupons their notes and birthday year; the tier history goes.
     */
    public void erase(DSLContext dsl, long customerId) {
        dsl.update(PURCHASE).set(PURCHASE.NOTE, (String) null).set(PURCHASE.VOID_REASON, (String) null)
                .where(PURCHASE.CUSTOMER_ID.eq(customerId)).execute();
        dsl.update(POINT_ENTRY).set(POINT_ENTRY.REASON, (String) null).where(POINT_ENTRY.CUSTOMER_ID.eq(customerId)).execute();
        dsl.update(COUPON).set(COUPON.NOTE, (String) null).set(COUPON.BIRTHDAY_YEAR, (Integer) null)
                .where(COUPON.CUSTOMER_ID.eq(customerId)).execute();
        dsl.deleteFrom(TIER_CHANGE).where(TIER_CHANGE.CUSTOMER_ID.eq(customerId)).execute();
    }

    /** Masks {@code terms} (an erased customer's name, phones, ...) where other customers' purchase notes, point reasons and coupon notes mention them. */
    public void maskMentions(DSLContext dsl, long erasedId, java.util.List<String> terms) {
        if (terms.isEmpty()) {
            return;
        }
        for (Field<String> text : java.util.List.of(PURCHASE.NOTE, PURCHASE.VOID_REASON)) {
            dsl.update(PURCHASE).set(text, CustomerRepository.masked(text, terms))
                    .where(PURCHASE.CUSTOMER_ID.ne(erasedId)).and(CustomerRepository.mentions(text, terms)).execute();
        }
        dsl.update(POINT_ENTRY).set(POINT_ENTRY.REASON, CustomerRepository.masked(POINT_ENTRY.REASON, terms))
                .where(POINT_ENTRY.CUSTOMER_ID.ne(erasedId)).and(CustomerRepository.mentions(POINT_ENTRY.REASON, terms)).execute();
        dsl.update(COUPON).set(COUPON.NOTE, CustomerRepository.masked(COUPON.NOTE, terms))
                .where(COUPON.CUSTOMER_ID.ne(erasedId)).and(CustomerRepository.mentions(COUPON.NOTE, terms)).execute();
    }

    // ---- merges of customers (decision 0025) ----

    /** How many purchases, point entries, coupons and tier changes these customers have, by the bundle key that names them. */
    public java.util.Map<String, Integer> countForMerge(DSLContext dsl, java.util.Collection<Long> customerIds) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        out.put("merge.count.purchases", dsl.fetchCount(PURCHASE, PURCHASE.CUSTOMER_ID.in(customerIds)));
        out.put("merge.count.points", dsl.fetchCount(POINT_ENTRY, POINT_ENTRY.CUSTOMER_ID.in(customerIds)));
        out.put("merge.count.coupons", dsl.fetchCount(COUPON, COUPON.CUSTOMER_ID.in(customerIds)));
        out.put("merge.count.tierChanges", dsl.fetchCount(TIER_CHANGE, TIER_CHANGE.CUSTOMER_ID.in(customerIds)));
        return out;
    }

    /**
     * Moves the purchases, points ledger, coupons and tier history of {@code others} to
     * {@code keptId}, and deletes their membership rows (their totals are counted again for the
     * kept customer: {@link TierRepository#evaluate}).
     */
    public void moveForMerge(DSLContext dsl, long keptId, java.util.Collection<Long> others) {
        dsl.update(PURCHASE).set(PURCHASE.CUSTOMER_ID, keptId).where(PURCHASE.CUSTOMER_ID.in(others)).execute();
        dsl.update(POINT_ENTRY).set(POINT_ENTRY.CUSTOMER_ID, keptId).where(POINT_ENTRY.CUSTOMER_ID.in(others)).execute();
        dsl.update(COUPON).set(COUPON.CUSTOMER_ID, keptId).where(COUPON.CUSTOMER_ID.in(others)).execute();
        dsl.update(TIER_CHANGE).set(TIER_CHANGE.CUSTOMER_ID, keptId).where(TIER_CHANGE.CUSTOMER_ID.in(others)).execute();
        dsl.deleteFrom(CUSTOMER_MEMBERSHIP).where(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.in(others)).execute();
    }

    /**
     * This feature's files in the shop's export ({@code export all}, decision 0026), in the order an
     * import loads them: the tiers, rewards and 12-month window (its setup), then each customer's
     * membership (tier and running totals, decision 0006), purchases, points, tier history, coupons.
     */
    public static List<app.regulars.store.ArchiveTable> archiveTables() {
        return List.of(
                app.regulars.store.ArchiveTable.setup("member_tiers", MEMBER_TIER),
                app.regulars.store.ArchiveTable.setup("rewards", REWARD),
                app.regulars.store.ArchiveTable.setup("membership_window", app.regulars.store.jooq.Tables.MEMBERSHIP_WINDOW),
                app.regulars.store.ArchiveTable.of("memberships", CUSTOMER_MEMBERSHIP),
                app.regulars.store.ArchiveTable.of("purchases", PURCHASE),
                app.regulars.store.ArchiveTable.of("points", POINT_ENTRY).values(POINT_ENTRY.KIND, PointKind.class),
                app.regulars.store.ArchiveTable.of("tier_history", TIER_CHANGE).values(TIER_CHANGE.REASON, TierChangeReason.class),
                app.regulars.store.ArchiveTable.of("coupons", COUPON).values(COUPON.KIND, CouponKind.class));
    }
}
