package app.regulars.membership;

import app.regulars.customer.Birthday;
import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.store.jooq.tables.records.MemberTierRecord;
import app.regulars.store.jooq.tables.records.PointEntryRecord;
import app.regulars.store.jooq.tables.records.PurchaseRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static app.regulars.store.jooq.Tables.COUPON;
import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.REWARD;

/**
 * Purchases, the points ledger, tiers, rewards and coupons. Every change is one
 * {@link Database#write} transaction that first locks the customer's row
 * ({@code SELECT ... FOR UPDATE}), so one customer's ledger changes run one after the other:
 * a balance is checked and spent in the same transaction, and it is always the sum of the
 * ledger. Knows nothing of JavaFX.
 */
public final class MembershipService {
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    public static final int MAX_NOTE = 1000;
    public static final int MAX_REASON = 500;
    public static final int LAST_PURCHASES = 5;
    private static final String CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Database db;
    private final MembershipSettings settings;
    private final Clock clock;
    private final TierEvaluator evaluator;
    private final SecureRandom random = new SecureRandom();

    public MembershipService(Database db, MembershipSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.evaluator = new TierEvaluator(settings);
    }

    public MembershipSettings settings() {
        return settings;
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock).withNano(0);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- money ----

    /** Parses what a user typed as an amount: a positive decimal with at most 2 places ("12.5", "1,234.00"). */
    public static BigDecimal parseAmount(String text) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("$", "").replace("￥", "");
        if (t.isEmpty()) {
            throw new UserException("membership.error.amountRequired");
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new UserException("membership.error.amountNotNumber", text.strip());
        }
        return checkAmount(v);
    }

    static BigDecimal checkAmount(BigDecimal v) {
        if (v == null) {
            throw new UserException("membership.error.amountRequired");
        }
        if (v.signum() < 0) {
            throw new UserException("membership.error.amountNegative", v.toPlainString());
        }
        if (v.stripTrailingZeros().scale() > 2) {
            throw new UserException("membership.error.amountScale", v.toPlainString());
        }
        if (v.compareTo(MAX_AMOUNT) > 0) {
            throw new UserException("membership.error.amountTooLarge", v.toPlainString());
        }
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }

    // ---- purchases ----

    /** Records a purchase, earns its points at the customer's tier's rate, re-evaluates the tier. */
    public Purchase recordPurchase(long customerId, LocalDateTime at, BigDecimal amount, String note) {
        BigDecimal a = checkAmount(amount);
        String n = note(note);
        LocalDateTime when = at == null ? now() : at.withNano(0);
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            lockActiveCustomer(dsl, customerId);
            Tier tier = currentTier(dsl, customerId);
            int points = points(a, tier.earnRate());
            LocalDateTime stamp = now();
            PurchaseRecord r = dsl.newRecord(PURCHASE);
            r.setCustomerId(customerId);
            r.setPurchasedAt(when);
            r.setAmount(a);
            r.setNote(n);
            r.setPoints(points);
            r.setVoided(false);
            r.setCreatedAt(stamp);
            r.setUpdatedAt(stamp);
            r.store();
            if (points > 0) {
                credit(dsl, customerId, PointKind.EARNED, points, when, r.getId(), null);
            }
            evaluator.evaluate(dsl, customerId, stamp, TierChangeReason.PURCHASE);
            return toPurchase(r);
        });
    }

    /** Changes a purchase's time, amount and note; its points follow the new amount (ledger entries for the difference). */
    public Purchase editPurchase(long purchaseId, LocalDateTime at, BigDecimal amount, String note) {
        BigDecimal a = checkAmount(amount);
        String n = note(note);
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            PurchaseRecord r = purchaseRecord(dsl, purchaseId);
            lockActiveCustomer(dsl, r.getCustomerId());
            r.refresh();
            if (r.getVoided()) {
                throw new UserException("membership.error.purchaseVoided");
            }
            Tier tier = currentTier(dsl, r.getCustomerId());
            int newPoints = r.getAmount().compareTo(a) == 0 ? r.getPoints() : points(a, tier.earnRate());
            int delta = newPoints - r.getPoints();
            LocalDateTime stamp = now();
            if (delta > 0) {
                credit(dsl, r.getCustomerId(), PointKind.EARNED, delta, at != null ? at : r.getPurchasedAt(), r.getId(), "edit");
            } else if (delta < 0) {
                debit(dsl, r.getCustomerId(), PointKind.REVERSED, -delta, stamp, r.getId(), null, "edit", "membership.error.voidPointsSpent");
            }
            if (at != null) {
                r.setPurchasedAt(at.withNano(0));
            }
            r.setAmount(a);
            r.setNote(n);
            r.setPoints(newPoints);
            r.setUpdatedAt(stamp);
            r.store();
            evaluator.evaluate(dsl, r.getCustomerId(), stamp, TierChangeReason.EDIT);
            return toPurchase(r);
        });
    }

    /** Voids a purchase with a reason, reversing its points; refused when they are already spent. */
    public Purchase voidPurchase(long purchaseId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new UserException("membership.error.reasonRequired");
        }
        if (why.length() > MAX_REASON) {
            throw new UserException("membership.error.tooLong", MAX_REASON);
        }
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            PurchaseRecord r = purchaseRecord(dsl, purchaseId);
            lockCustomer(dsl, r.getCustomerId());
            r.refresh();
            if (r.getVoided()) {
                throw new UserException("membership.error.purchaseVoided");
            }
            LocalDateTime stamp = now();
            if (r.getPoints() > 0) {
                debit(dsl, r.getCustomerId(), PointKind.REVERSED, r.getPoints(), stamp, r.getId(), null, why, "membership.error.voidPointsSpent");
            }
            r.setVoided(true);
            r.setVoidReason(why);
            r.setVoidedAt(stamp);
            r.setUpdatedAt(stamp);
            r.store();
            evaluator.evaluate(dsl, r.getCustomerId(), stamp, TierChangeReason.VOID);
            return toPurchase(r);
        });
    }

    public List<Purchase> purchases(long customerId, int limit) {
        return db.dsl().selectFrom(PURCHASE).where(PURCHASE.CUSTOMER_ID.eq(customerId))
                .orderBy(PURCHASE.PURCHASED_AT.desc(), PURCHASE.ID.desc()).limit(limit)
                .fetch(MembershipService::toPurchase);
    }

    /** Count and total of a customer's purchases (voided ones left out), and the last 12 months' total. */
    public PurchaseTotals totals(long customerId) {
        LocalDateTime from = evaluator.windowStart(today());
        Record r = db.dsl().select(DSL.count(), DSL.coalesce(DSL.sum(PURCHASE.AMOUNT), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(DSL.when(PURCHASE.PURCHASED_AT.ge(from), PURCHASE.AMOUNT)), BigDecimal.ZERO))
                .from(PURCHASE).where(PURCHASE.CUSTOMER_ID.eq(customerId).and(PURCHASE.VOIDED.isFalse())).fetchOne();
        return new PurchaseTotals(r.get(0, Integer.class), r.get(1, BigDecimal.class).setScale(2), r.get(2, BigDecimal.class).setScale(2));
    }

    public record PurchaseTotals(int count, BigDecimal total, BigDecimal last12Months) {
    }

    // ---- points ----

    /** The balance: the sum of the customer's ledger. */
    public int balance(long customerId) {
        return balance(db.dsl(), customerId);
    }

    static int balance(DSLContext dsl, long customerId) {
        Integer b = dsl.select(DSL.coalesce(DSL.sum(POINT_ENTRY.POINTS), BigDecimal.ZERO).cast(Integer.class))
                .from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(customerId)).fetchOne(0, Integer.class);
        return b == null ? 0 : b;
    }

    public List<PointEntry> ledger(long customerId, int limit) {
        return db.dsl().selectFrom(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(customerId))
                .orderBy(POINT_ENTRY.ENTRY_AT.desc(), POINT_ENTRY.ID.desc()).limit(limit)
                .fetch(r -> new PointEntry(r.getId(), PointKind.valueOf(r.getKind()), r.getPoints(), r.getRemaining(),
                        r.getEntryAt(), r.getExpiresOn(), r.getPurchaseId(), r.getReason()));
    }

    /** Adds or takes points by hand; a reason is required, and the balance never goes below zero. */
    public int adjustPoints(long customerId, int points, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new UserException("membership.error.reasonRequired");
        }
        if (why.length() > MAX_REASON) {
            throw new UserException("membership.error.tooLong", MAX_REASON);
        }
        if (points == 0) {
            throw new UserException("membership.error.pointsZero");
        }
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            lockCustomer(dsl, customerId);
            if (points > 0) {
                credit(dsl, customerId, PointKind.ADJUSTED, points, now(), null, why);
            } else {
                debit(dsl, customerId, PointKind.ADJUSTED, -points, now(), null, null, why, "membership.error.notEnoughPoints");
            }
            return balance(dsl, customerId);
        });
    }

    /** Redeems a reward: checks the balance and spends it in one transaction; the customer gets a reward coupon. */
    public Coupon redeem(long customerId, long rewardId) {
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            lockActiveCustomer(dsl, customerId);
            var reward = dsl.selectFrom(REWARD).where(REWARD.ID.eq(rewardId)).fetchOptional()
                    .orElseThrow(() -> new UserException("membership.error.rewardGone"));
            if (!reward.getActive()) {
                throw new UserException("membership.error.rewardInactive", reward.getName());
            }
            LocalDateTime stamp = now();
            debit(dsl, customerId, PointKind.REDEEMED, reward.getCostPoints(), stamp, null, rewardId, reward.getName(),
                    "membership.error.notEnoughPoints");
            return insertCoupon(dsl, customerId, CouponKind.REWARD, null, null, today(), today().plusDays(90), null, reward.getName());
        });
    }

    /**
     * Expires, first in first out, what is left of every lot whose expiry date is on or
     * before {@code asOf}. Set-based: one INSERT ... SELECT for the EXPIRED entries and one
     * UPDATE; returns the points expired.
     */
    public long expire(LocalDate asOf) {
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            Condition due = POINT_ENTRY.EXPIRES_ON.le(asOf).and(POINT_ENTRY.REMAINING.gt(0));
            Long total = dsl.select(DSL.coalesce(DSL.sum(POINT_ENTRY.REMAINING), BigDecimal.ZERO).cast(Long.class))
                    .from(POINT_ENTRY).where(due).fetchOne(0, Long.class);
            LocalDateTime at = asOf.atStartOfDay();
            dsl.insertInto(POINT_ENTRY, POINT_ENTRY.CUSTOMER_ID, POINT_ENTRY.KIND, POINT_ENTRY.POINTS, POINT_ENTRY.REMAINING,
                            POINT_ENTRY.ENTRY_AT, POINT_ENTRY.EXPIRES_ON, POINT_ENTRY.PURCHASE_ID, POINT_ENTRY.REASON)
                    .select(dsl.select(POINT_ENTRY.CUSTOMER_ID, DSL.inline(PointKind.EXPIRED.name()), POINT_ENTRY.REMAINING.neg(),
                                    DSL.inline(0), DSL.greatest(DSL.val(at), POINT_ENTRY.EXPIRES_ON.cast(LocalDateTime.class)),
                                    POINT_ENTRY.EXPIRES_ON, POINT_ENTRY.PURCHASE_ID, DSL.castNull(String.class))
                            .from(POINT_ENTRY).where(due))
                    .execute();
            dsl.update(POINT_ENTRY).set(POINT_ENTRY.REMAINING, 0).where(due).execute();
            return total == null ? 0L : total;
        });
    }

    /** Points that will expire between today and {@code days} days from now. */
    public int expiringWithin(long customerId, int days) {
        Integer n = db.dsl().select(DSL.coalesce(DSL.sum(POINT_ENTRY.REMAINING), BigDecimal.ZERO).cast(Integer.class))
                .from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.eq(customerId)
                        .and(POINT_ENTRY.REMAINING.gt(0)).and(POINT_ENTRY.EXPIRES_ON.between(today(), today().plusDays(days))))
                .fetchOne(0, Integer.class);
        return n == null ? 0 : n;
    }

    // ---- rewards ----

    public List<Reward> rewards(boolean activeOnly) {
        return db.dsl().selectFrom(REWARD).where(activeOnly ? REWARD.ACTIVE.isTrue() : DSL.noCondition())
                .orderBy(REWARD.COST_POINTS, REWARD.NAME)
                .fetch(r -> new Reward(r.getId(), r.getName(), r.getCostPoints(), r.getActive()));
    }

    public Reward saveReward(Reward reward) {
        String name = reward.name() == null ? "" : reward.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new UserException("membership.error.rewardName");
        }
        if (reward.costPoints() <= 0) {
            throw new UserException("membership.error.rewardCost");
        }
        return db.write(cfg -> {
            var r = reward.id() == null ? cfg.dsl().newRecord(REWARD)
                    : cfg.dsl().selectFrom(REWARD).where(REWARD.ID.eq(reward.id())).fetchOptional()
                    .orElseThrow(() -> new UserException("membership.error.rewardGone"));
            r.setName(name);
            r.setCostPoints(reward.costPoints());
            r.setActive(reward.active());
            r.store();
            return new Reward(r.getId(), r.getName(), r.getCostPoints(), r.getActive());
        });
    }

    // ---- coupons ----

    /** Issues a coupon by hand: exactly one of {@code amount} and {@code percent}, valid from..until. */
    public Coupon issueCoupon(long customerId, BigDecimal amount, BigDecimal percent, LocalDate from, LocalDate until, String note) {
        if ((amount == null) == (percent == null)) {
            throw new UserException("membership.error.couponValue");
        }
        if (amount != null && (checkAmount(amount).signum() == 0)) {
            throw new UserException("membership.error.couponValue");
        }
        if (percent != null && (percent.signum() <= 0 || percent.compareTo(new BigDecimal("100")) > 0)) {
            throw new UserException("membership.error.couponPercent");
        }
        if (from == null || until == null || until.isBefore(from)) {
            throw new UserException("membership.error.couponDates");
        }
        return db.write(cfg -> {
            lockActiveCustomer(cfg.dsl(), customerId);
            return insertCoupon(cfg.dsl(), customerId, CouponKind.MANUAL, amount, percent, from, until, null, note(note));
        });
    }

    /** Marks a coupon used; refused when it is already used or outside its validity. */
    public Coupon redeemCoupon(String code) {
        return db.write(cfg -> {
            var r = cfg.dsl().selectFrom(COUPON).where(COUPON.CODE.eq(code == null ? "" : code.strip().toUpperCase()))
                    .forUpdate().fetchOptional().orElseThrow(() -> new UserException("membership.error.couponUnknown", code));
            Coupon c = toCoupon(r);
            if (c.redeemedAt() != null) {
                throw new UserException("membership.error.couponUsed", c.code());
            }
            if (!c.usableOn(today())) {
                throw new UserException("membership.error.couponExpired", c.code());
            }
            r.setRedeemedAt(now());
            r.store();
            return toCoupon(r);
        });
    }

    public List<Coupon> coupons(long customerId) {
        return db.dsl().selectFrom(COUPON).where(COUPON.CUSTOMER_ID.eq(customerId))
                .orderBy(COUPON.ISSUED_AT.desc(), COUPON.ID.desc()).fetch(MembershipService::toCoupon);
    }

    /**
     * Issues birthday coupons to active customers who agreed to marketing, whose next
     * birthday (solar or lunar) falls within the configured days ahead of {@code asOf}, and
     * who have none for that year yet. Returns how many were issued.
     */
    public int issueBirthdayCoupons(LocalDate asOf) {
        int days = settings.birthdayDaysAhead();
        BigDecimal value = settings.birthdayCouponAmount();
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            var rows = dsl.select(CUSTOMER.ID, CUSTOMER.BIRTHDAY_CALENDAR, CUSTOMER.BIRTH_YEAR, CUSTOMER.BIRTH_MONTH,
                            CUSTOMER.BIRTH_DAY, CUSTOMER.BIRTH_LEAP_MONTH)
                    .from(CUSTOMER)
                    .where(CUSTOMER.ARCHIVED.isFalse().and(CUSTOMER.MARKETING_CONSENT.isTrue())
                            .and(CUSTOMER.BIRTH_MONTH.isNotNull()).and(CUSTOMER.BIRTH_DAY.isNotNull()))
                    .fetch();
            int issued = 0;
            for (var r : rows) {
                Birthday b;
                try {
                    b = new Birthday("LUNAR".equalsIgnoreCase(r.value2()) ? Birthday.Kind.LUNAR : Birthday.Kind.SOLAR,
                            r.value3(), r.value4(), r.value5(), Boolean.TRUE.equals(r.value6()));
                } catch (RuntimeException e) {
                    continue;
                }
                LocalDate next = b.nextOccurrence(asOf);
                if (next.isAfter(asOf.plusDays(days))) {
                    continue;
                }
                boolean has = dsl.fetchExists(COUPON, COUPON.CUSTOMER_ID.eq(r.value1())
                        .and(COUPON.KIND.eq(CouponKind.BIRTHDAY.name())).and(COUPON.BIRTHDAY_YEAR.eq(next.getYear())));
                if (!has) {
                    insertCoupon(dsl, r.value1(), CouponKind.BIRTHDAY, value, null, asOf, next.plusDays(7), next.getYear(), null);
                    issued++;
                }
            }
            return issued;
        });
    }

    private Coupon insertCoupon(DSLContext dsl, long customerId, CouponKind kind, BigDecimal amount, BigDecimal percent,
                                LocalDate from, LocalDate until, Integer birthdayYear, String note) {
        var r = dsl.newRecord(COUPON);
        r.setCustomerId(customerId);
        r.setKind(kind.name());
        r.setAmount(amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP));
        r.setPercent(percent);
        r.setValidFrom(from);
        r.setValidUntil(until);
        r.setIssuedAt(now());
        r.setBirthdayYear(birthdayYear);
        r.setNote(note);
        for (int attempt = 0; ; attempt++) {
            String code = newCode();
            if (!dsl.fetchExists(COUPON, COUPON.CODE.eq(code)) || attempt > 20) {
                r.setCode(code);
                break;
            }
        }
        r.store();
        return toCoupon(r);
    }

    private String newCode() {
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            b.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
        }
        return b.toString();
    }

    // ---- tiers ----

    public List<Tier> tiers() {
        return tiers(db.dsl());
    }

    static List<Tier> tiers(DSLContext dsl) {
        return dsl.selectFrom(MEMBER_TIER).orderBy(MEMBER_TIER.POSITION).fetch(MembershipService::toTier);
    }

    public Tier tierOf(long customerId) {
        return currentTier(db.dsl(), customerId);
    }

    public List<TierChange> tierHistory(long customerId) {
        return evaluator.history(db.dsl(), customerId);
    }

    /**
     * Replaces the tier settings with {@code wanted} (in order, lowest first): renames,
     * reorders, adds (id null) and removes (missing ids). The lowest tier must start at 0 so
     * no customer is ever without a tier, thresholds must rise strictly, rates and discounts
     * be sensible. Then everyone is re-evaluated, all in one transaction.
     */
    public List<Tier> saveTiers(List<Tier> wanted) {
        List<Tier> checked = TierRules.validate(wanted);
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            Set<Long> keep = new HashSet<>();
            for (Tier t : checked) {
                if (t.id() != null) {
                    keep.add(t.id());
                }
            }
            dsl.update(MEMBER_TIER).set(MEMBER_TIER.POSITION, MEMBER_TIER.POSITION.plus(100000)).execute();
            List<Long> ids = new ArrayList<>();
            for (Tier t : checked) {
                MemberTierRecord r = t.id() == null ? dsl.newRecord(MEMBER_TIER)
                        : dsl.selectFrom(MEMBER_TIER).where(MEMBER_TIER.ID.eq(t.id())).fetchOptional()
                        .orElseThrow(() -> new UserException("membership.error.tierGone"));
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
            // Members of removed tiers go to the lowest tier, then the evaluation places everyone.
            dsl.update(CUSTOMER_MEMBERSHIP).set(CUSTOMER_MEMBERSHIP.TIER_ID, ids.get(0))
                    .where(CUSTOMER_MEMBERSHIP.TIER_ID.notIn(ids)).execute();
            dsl.deleteFrom(MEMBER_TIER).where(MEMBER_TIER.ID.notIn(ids)).execute();
            evaluator.evaluate(dsl, null, now(), TierChangeReason.SETTINGS);
            return tiers(dsl);
        });
    }

    /** Re-evaluates every customer's tier set-based; returns how many changed tier. */
    public int evaluateAll() {
        return db.write(cfg -> evaluator.evaluate(cfg.dsl(), null, now(), TierChangeReason.EVALUATION));
    }

    public TierEvaluator evaluator() {
        return evaluator;
    }

    /** Tier, balance, 12-month spend and the last purchases of one customer, for the visit brief. */
    public MembershipSnapshot snapshot(long customerId) {
        DSLContext dsl = db.dsl();
        List<Purchase> last = dsl.selectFrom(PURCHASE).where(PURCHASE.CUSTOMER_ID.eq(customerId).and(PURCHASE.VOIDED.isFalse()))
                .orderBy(PURCHASE.PURCHASED_AT.desc(), PURCHASE.ID.desc()).limit(LAST_PURCHASES)
                .fetch(MembershipService::toPurchase);
        return new MembershipSnapshot(currentTier(dsl, customerId), balance(dsl, customerId), totals(customerId).last12Months(), last);
    }

    // ---- ledger internals ----

    private void lockActiveCustomer(DSLContext dsl, long customerId) {
        Boolean archived = lockCustomer(dsl, customerId);
        if (archived) {
            throw new UserException("membership.error.customerArchived");
        }
    }

    /** Locks the customer's row until the transaction ends: a customer's ledger changes run one at a time. */
    private Boolean lockCustomer(DSLContext dsl, long customerId) {
        return dsl.select(CUSTOMER.ARCHIVED).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).forUpdate()
                .fetchOptional(CUSTOMER.ARCHIVED).orElseThrow(() -> new UserException("customer.error.gone"));
    }

    static Tier currentTier(DSLContext dsl, long customerId) {
        return dsl.select(MEMBER_TIER.fields()).from(CUSTOMER_MEMBERSHIP).join(MEMBER_TIER).on(MEMBER_TIER.ID.eq(CUSTOMER_MEMBERSHIP.TIER_ID))
                .where(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.eq(customerId)).fetchOptional(r -> toTier(r.into(MEMBER_TIER)))
                .orElseGet(() -> tiers(dsl).get(0));
    }

    static int points(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    private void credit(DSLContext dsl, long customerId, PointKind kind, int points, LocalDateTime at, Long purchaseId, String reason) {
        int months = settings.expiryMonths();
        PointEntryRecord e = dsl.newRecord(POINT_ENTRY);
        e.setCustomerId(customerId);
        e.setKind(kind.name());
        e.setPoints(points);
        e.setRemaining(points);
        e.setEntryAt(at);
        e.setExpiresOn(months == 0 ? null : at.toLocalDate().plusMonths(months));
        e.setPurchaseId(purchaseId);
        e.setReason(reason);
        e.store();
    }

    /**
     * Takes {@code points} from the customer's lots, the purchase's own lot first (for a
     * reversal), then first in first out; refused with {@code notEnoughKey} when the balance
     * is smaller. The caller holds the customer's lock.
     */
    private void debit(DSLContext dsl, long customerId, PointKind kind, int points, LocalDateTime at, Long purchaseId,
                       Long rewardId, String reason, String notEnoughKey) {
        int balance = balance(dsl, customerId);
        if (points > balance) {
            throw new UserException(notEnoughKey, points, balance);
        }
        List<PointEntryRecord> lots = dsl.selectFrom(POINT_ENTRY)
                .where(POINT_ENTRY.CUSTOMER_ID.eq(customerId).and(POINT_ENTRY.REMAINING.gt(0)))
                .orderBy(DSL.when(POINT_ENTRY.PURCHASE_ID.eq(purchaseId == null ? -1L : purchaseId), DSL.inline(0)).otherwise(DSL.inline(1)).asc(),
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
        if (left > 0) {
            throw new IllegalStateException("ledger lots do not cover the balance of customer " + customerId);
        }
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

    private static PurchaseRecord purchaseRecord(DSLContext dsl, long purchaseId) {
        return dsl.selectFrom(PURCHASE).where(PURCHASE.ID.eq(purchaseId)).fetchOptional()
                .orElseThrow(() -> new UserException("membership.error.purchaseGone"));
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String n = note.strip();
        if (n.length() > MAX_NOTE) {
            throw new UserException("membership.error.tooLong", MAX_NOTE);
        }
        return n;
    }

    static Purchase toPurchase(PurchaseRecord r) {
        return new Purchase(r.getId(), r.getCustomerId(), r.getPurchasedAt(), r.getAmount(), r.getNote(), r.getPoints(),
                r.getVoided(), r.getVoidReason());
    }

    static Tier toTier(MemberTierRecord r) {
        return new Tier(r.getId(), r.getName(), r.getNameKey(), r.getPosition(), r.getThreshold(), r.getEarnRate(),
                r.getDiscountPercent(), r.getBenefits(), r.getColour());
    }

    static Coupon toCoupon(app.regulars.store.jooq.tables.records.CouponRecord r) {
        return new Coupon(r.getId(), r.getCustomerId(), r.getCode(), CouponKind.valueOf(r.getKind()), r.getAmount(), r.getPercent(),
                r.getValidFrom(), r.getValidUntil(), r.getRedeemedAt(), r.getNote());
    }
}
