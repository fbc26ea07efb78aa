package app.regulars.membership;

import app.regulars.customer.Birthday;
import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Purchases, the points ledger, tiers, rewards and coupons. Every change is one
 * {@link Database#write} transaction that first locks the customer's row
 * ({@code SELECT ... FOR UPDATE}), so one customer's ledger changes run one after the other:
 * a balance is checked and spent in the same transaction, and it is always the sum of the
 * ledger (never a stored number). Knows nothing of JavaFX.
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
    private final MembershipRepository repository = new MembershipRepository();
    private final TierRepository tierRepository;
    private final SecureRandom random = new SecureRandom();

    public MembershipService(Database db, MembershipSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.tierRepository = new TierRepository(settings);
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

    public Database database() {
        return db;
    }

    // ---- money ----

    /** Parses what a user typed as an amount: a decimal of 0 or more with at most 2 places ("12.5", "1,234.00", "¥88"). */
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

    /** Records a purchase with no discount, earns its points at the customer's tier's rate, re-evaluates the tier. */
    public Purchase recordPurchase(long customerId, LocalDateTime at, BigDecimal amount, String note) {
        return recordPurchase(customerId, at, amount, note, false, null);
    }

    /**
     * Records a purchase at the counter: {@code amount} is the price before discounts; with
     * {@code memberDiscount} the customer's tier's discount is taken off, then the coupon
     * {@code couponId} (null: none) on what is left ({@link Price}). What is left is the
     * amount paid: the purchase's amount, what its points and the tier count. The coupon is
     * checked (the customer's, not used, valid today) and marked used with the purchase in the
     * same transaction, under the customer's lock and the coupon's row lock: it is used once.
     */
    public Purchase recordPurchase(long customerId, LocalDateTime at, BigDecimal amount, String note, boolean memberDiscount,
                                   Long couponId) {
        BigDecimal a = checkAmount(amount);
        String n = note(note);
        LocalDateTime when = at == null ? now() : at.withNano(0);
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            lockActiveCustomer(dsl, customerId);
            Tier tier = repository.currentTier(dsl, customerId);
            Coupon coupon = couponId == null ? null : usableCoupon(dsl, couponId, customerId);
            Price price = Price.of(a, memberDiscount ? tier.discountPercent() : null, coupon);
            BigDecimal paid = price.toPay();
            int points = points(paid, tier.earnRate());
            LocalDateTime stamp = now();
            Purchase p = price.discounted()
                    ? repository.insertPurchase(dsl, customerId, when, paid, n, points, stamp, price.before(),
                            price.memberPercent() == null ? null : price.memberDiscount(), coupon == null ? null : price.couponDiscount())
                    : repository.insertPurchase(dsl, customerId, when, paid, n, points, stamp);
            if (coupon != null) {
                repository.markCouponRedeemed(dsl, coupon.id(), stamp, p.id());
            }
            if (points > 0) {
                credit(dsl, customerId, PointKind.EARNED, points, when, p.id(), null);
            }
            tierRepository.evaluate(dsl, customerId, stamp, TierChangeReason.PURCHASE);
            return purchase(dsl, p.id());
        });
    }

    /**
     * Changes a purchase's time, amount and note; its points follow the new amount (ledger
     * entries for the difference). The amount is what was paid; the discounts given stay as
     * they were, so the price before discounts moves with it.
     */
    public Purchase editPurchase(long purchaseId, LocalDateTime at, BigDecimal amount, String note) {
        BigDecimal a = checkAmount(amount);
        String n = note(note);
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            long customerId = purchase(dsl, purchaseId).customerId();
            lockActiveCustomer(dsl, customerId);
            Purchase p = purchase(dsl, purchaseId);
            if (p.voided()) {
                throw new UserException("membership.error.purchaseVoided");
            }
            int newPoints = p.amount().compareTo(a) == 0 ? p.points() : points(a, repository.currentTier(dsl, customerId).earnRate());
            int delta = newPoints - p.points();
            LocalDateTime stamp = now();
            LocalDateTime when = at != null ? at.withNano(0) : p.purchasedAt();
            if (delta > 0) {
                credit(dsl, customerId, PointKind.EARNED, delta, when, p.id(), null);
            } else if (delta < 0) {
                debit(dsl, customerId, PointKind.REVERSED, -delta, stamp, p.id(), null, null, "membership.error.voidPointsSpent");
            }
            BigDecimal before = p.amountBefore() == null ? null
                    : a.add(zeroIfNull(p.memberDiscount())).add(zeroIfNull(p.couponDiscount()));
            if (before != null && before.compareTo(MAX_AMOUNT) > 0) {
                throw new UserException("membership.error.amountTooLarge", a.toPlainString());
            }
            repository.updatePurchase(dsl, p.id(), when, a, n, newPoints, before, stamp);
            tierRepository.evaluate(dsl, customerId, stamp, TierChangeReason.EDIT);
            return purchase(dsl, purchaseId);
        });
    }

    /**
     * Voids a purchase with a reason, reversing its points (refused when they are already
     * spent) and giving back the coupon used with it, unused again, in the same transaction.
     */
    public Purchase voidPurchase(long purchaseId, String reason) {
        String why = reason(reason);
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            long customerId = purchase(dsl, purchaseId).customerId();
            lockCustomer(dsl, customerId);
            Purchase p = purchase(dsl, purchaseId);
            if (p.voided()) {
                throw new UserException("membership.error.purchaseVoided");
            }
            LocalDateTime stamp = now();
            if (p.points() > 0) {
                debit(dsl, customerId, PointKind.REVERSED, p.points(), stamp, p.id(), null, why, "membership.error.voidPointsSpent");
            }
            repository.markVoided(dsl, p.id(), why, stamp);
            repository.returnCoupons(dsl, p.id());
            tierRepository.evaluate(dsl, customerId, stamp, TierChangeReason.VOID);
            return purchase(dsl, purchaseId);
        });
    }

    /** A customer's purchases, newest first, voided ones included. */
    public List<Purchase> purchases(long customerId, int limit) {
        return repository.purchases(db.dsl(), customerId, true, 0, limit);
    }

    /** Count and total of a customer's purchases (voided ones left out), and the last 12 months' total. */
    public PurchaseTotals totals(long customerId) {
        return repository.totals(db.dsl(), customerId, tierRepository.windowStart(today()));
    }

    public record PurchaseTotals(int count, BigDecimal total, BigDecimal last12Months) {
    }

    // ---- points ----

    /** The balance: the sum of the customer's ledger. */
    public int balance(long customerId) {
        return repository.balance(db.dsl(), customerId);
    }

    public List<PointEntry> ledger(long customerId, int limit) {
        return repository.ledger(db.dsl(), customerId, limit);
    }

    /** Adds or takes points by hand; a reason is required, and the balance never goes below zero. */
    public int adjustPoints(long customerId, int points, String reason) {
        String why = reason(reason);
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
            return repository.balance(dsl, customerId);
        });
    }

    /** Redeems a reward: checks the balance and spends it in one transaction; the customer gets a reward coupon. */
    public Coupon redeem(long customerId, long rewardId) {
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            lockActiveCustomer(dsl, customerId);
            Reward reward = repository.findReward(dsl, rewardId).orElseThrow(() -> new UserException("membership.error.rewardGone"));
            if (!reward.active()) {
                throw new UserException("membership.error.rewardInactive", reward.name());
            }
            debit(dsl, customerId, PointKind.REDEEMED, reward.costPoints(), now(), null, rewardId, reward.name(),
                    "membership.error.notEnoughPoints");
            return insertCoupon(dsl, customerId, CouponKind.REWARD, null, null, today(), today().plusDays(90), null, reward.name());
        });
    }

    /**
     * Expires, first in first out, what is left of every lot whose expiry date is on or
     * before {@code asOf}, set-based; returns the points expired.
     */
    public long expire(LocalDate asOf) {
        return db.write(cfg -> repository.expire(cfg.dsl(), asOf));
    }

    /** Points of the customer that expire from today to {@code days} days ahead. */
    public int expiringWithin(long customerId, int days) {
        return repository.expiring(db.dsl(), customerId, today(), today().plusDays(days));
    }

    // ---- rewards ----

    public List<Reward> rewards(boolean activeOnly) {
        return repository.rewards(db.dsl(), activeOnly);
    }

    /** Whether whoever is signed in may change the tiers, rewards and settings (decision 0033). */
    public boolean owner() {
        return db.session().owner();
    }

    public Reward saveReward(Reward reward) {
        db.session().requireOwner(); // the owner's alone in team mode (decision 0033)
        String name = reward.name() == null ? "" : reward.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new UserException("membership.error.rewardName");
        }
        if (reward.costPoints() <= 0) {
            throw new UserException("membership.error.rewardCost");
        }
        Reward clean = new Reward(reward.id(), name, reward.costPoints(), reward.active());
        return db.write(cfg -> repository.saveReward(cfg.dsl(), clean).orElseThrow(() -> new UserException("membership.error.rewardGone")));
    }

    // ---- coupons ----

    /** Issues a coupon by hand: exactly one of {@code amount} and {@code percent}, valid from..until. */
    public Coupon issueCoupon(long customerId, BigDecimal amount, BigDecimal percent, LocalDate from, LocalDate until, String note) {
        if ((amount == null) == (percent == null)) {
            throw new UserException("membership.error.couponValue");
        }
        if (amount != null && checkAmount(amount).signum() == 0) {
            throw new UserException("membership.error.couponValue");
        }
        if (percent != null && (percent.signum() <= 0 || percent.compareTo(new BigDecimal("100")) > 0)) {
            throw new UserException("membership.error.couponPercent");
        }
        if (from == null || until == null || until.isBefore(from)) {
            throw new UserException("membership.error.couponDates");
        }
        String n = note(note);
        return db.write(cfg -> {
            lockActiveCustomer(cfg.dsl(), customerId);
            return insertCoupon(cfg.dsl(), customerId, CouponKind.MANUAL, amount, percent, from, until, null, n);
        });
    }

    /** Marks the coupon with this code used; refused when it is already used or outside its validity. */
    public Coupon redeemCoupon(String code) {
        String c = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        long id = repository.findCoupon(db.dsl(), c).orElseThrow(() -> new UserException("membership.error.couponUnknown", c)).id();
        return useCoupon(id, null);
    }

    /**
     * Marks a coupon used (the command line's {@code coupons use}), with a purchase of the same
     * customer when {@code purchaseId} is given (its amount stays as recorded; voiding it gives
     * the coupon back). Refused for an unknown, used, expired or not yet valid coupon, and for
     * a purchase that is missing, voided, another customer's or already used with a coupon.
     */
    public Coupon useCoupon(long couponId, Long purchaseId) {
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            Coupon found = repository.findCoupon(dsl, couponId).orElseThrow(() -> new UserException("membership.error.couponIdUnknown", couponId));
            lockActiveCustomer(dsl, found.customerId());
            Coupon coupon = usableCoupon(dsl, couponId, found.customerId());
            if (purchaseId != null) {
                Purchase p = repository.findPurchase(dsl, purchaseId)
                        .orElseThrow(() -> new UserException("membership.error.purchaseIdUnknown", purchaseId));
                if (p.customerId() != coupon.customerId()) {
                    throw new UserException("membership.error.couponOtherCustomer", coupon.code(), purchaseId);
                }
                if (p.voided()) {
                    throw new UserException("membership.error.purchaseVoided");
                }
                if (p.couponCode() != null) {
                    throw new UserException("membership.error.purchaseHasCoupon", purchaseId, p.couponCode());
                }
            }
            repository.markCouponRedeemed(dsl, coupon.id(), now(), purchaseId);
            return repository.findCoupon(dsl, couponId).orElseThrow();
        });
    }

    /**
     * Locks the coupon's row and checks it can be used now for the customer (whose row the
     * caller has locked): it exists, is theirs, is not used and is valid today.
     */
    private Coupon usableCoupon(DSLContext dsl, long couponId, long customerId) {
        Coupon coupon = repository.lockCoupon(dsl, couponId).orElseThrow(() -> new UserException("membership.error.couponIdUnknown", couponId));
        if (coupon.customerId() != customerId) {
            throw new UserException("membership.error.couponNotTheirs", coupon.code());
        }
        if (coupon.redeemedAt() != null) {
            throw new UserException("membership.error.couponUsed", coupon.code());
        }
        if (!coupon.usableOn(today())) {
            throw new UserException("membership.error.couponExpired", coupon.code());
        }
        return coupon;
    }

    /** A customer's coupons, newest first, used and expired ones included. */
    public List<Coupon> coupons(long customerId) {
        return repository.coupons(db.dsl(), customerId);
    }

    /** The coupons a customer can use today (not used, valid today), the first to run out first. */
    public List<Coupon> usableCoupons(long customerId) {
        LocalDate today = today();
        return repository.coupons(db.dsl(), customerId).stream().filter(c -> c.usableOn(today))
                .sorted(java.util.Comparator.comparing(Coupon::validUntil).thenComparing(Coupon::id)).toList();
    }

    /**
     * Issues birthday coupons to active customers who agreed to marketing and did not opt out of
     * every channel ({@code Consent.allowsMarketing}), whose next
     * birthday (solar or lunar) falls within the configured days ahead of {@code asOf}, and
     * who have none for that year yet. Returns how many were issued.
     */
    public int issueBirthdayCoupons(LocalDate asOf) {
        int days = settings.birthdayDaysAhead();
        BigDecimal value = settings.birthdayCouponAmount();
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            int issued = 0;
            for (Map.Entry<Long, Birthday> e : repository.birthdaysOfConsenting(dsl)) {
                LocalDate next = e.getValue().nextOccurrence(asOf);
                if (next.isAfter(asOf.plusDays(days)) || repository.hasBirthdayCoupon(dsl, e.getKey(), next.getYear())) {
                    continue;
                }
                insertCoupon(dsl, e.getKey(), CouponKind.BIRTHDAY, value, null, asOf, next.plusDays(7), next.getYear(), null);
                issued++;
            }
            return issued;
        });
    }

    private Coupon insertCoupon(DSLContext dsl, long customerId, CouponKind kind, BigDecimal amount, BigDecimal percent,
                                LocalDate from, LocalDate until, Integer birthdayYear, String note) {
        String code;
        do {
            code = newCode();
        } while (repository.couponCodeExists(dsl, code));
        return repository.insertCoupon(dsl, customerId, code, kind, amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP),
                percent, from, until, birthdayYear, note, now());
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
        return repository.tiers(db.dsl());
    }

    public Tier tierOf(long customerId) {
        return repository.currentTier(db.dsl(), customerId);
    }

    /** The current tier of each of these customers (a page of a list); those without a membership row get the lowest. */
    public Map<Long, Tier> tiersOf(java.util.Collection<Long> customerIds) {
        return repository.tiersOf(db.dsl(), customerIds);
    }

    public List<TierChange> tierHistory(long customerId) {
        return tierRepository.history(db.dsl(), customerId);
    }

    /**
     * Replaces the tier settings with {@code wanted} (in order, lowest first): renames,
     * reorders, adds (id null) and removes (missing ids). The lowest tier must start at 0 so
     * no customer is ever without a tier and thresholds must rise strictly ({@link TierRules});
     * then everyone is re-evaluated, all in one transaction.
     */
    public List<Tier> saveTiers(List<Tier> wanted) {
        db.session().requireOwner(); // the owner's alone in team mode (decision 0033)
        List<Tier> checked = TierRules.validate(wanted);
        return db.write(cfg -> {
            DSLContext dsl = cfg.dsl();
            if (!repository.replaceTiers(dsl, checked)) {
                throw new UserException("membership.error.tierGone");
            }
            tierRepository.evaluate(dsl, null, now(), TierChangeReason.SETTINGS);
            return repository.tiers(dsl);
        });
    }

    /** Re-evaluates every customer's tier, set-based; returns how many changed tier. */
    public int evaluateAll() {
        return db.write(cfg -> tierRepository.evaluate(cfg.dsl(), null, now(), TierChangeReason.EVALUATION));
    }

    /**
     * Recounts every customer's 12-month totals from all purchases, then re-evaluates
     * everyone; for a store whose purchases were changed outside the program. Returns how
     * many changed tier.
     */
    public int rebuildAndEvaluate() {
        return db.write(cfg -> tierRepository.rebuild(cfg.dsl(), now(), TierChangeReason.EVALUATION));
    }

    public TierRepository tierRepository() {
        return tierRepository;
    }

    /**
     * For the visit brief: the customer's current tier, points balance, spend in the last
     * 12 months and the last {@value #LAST_PURCHASES} purchases (newest first, not voided).
     */
    public MembershipSnapshot snapshot(long customerId) {
        DSLContext dsl = db.dsl();
        return new MembershipSnapshot(repository.currentTier(dsl, customerId), repository.balance(dsl, customerId),
                totals(customerId).last12Months(), repository.purchases(dsl, customerId, false, 0, LAST_PURCHASES));
    }

    // ---- import and export ----

    /** A customer found by code or phone for an import. */
    public record CustomerRef(long id, boolean archived) {
    }

    /** Every customer's id, in the order they were added. */
    public List<Long> customerIds() {
        return repository.customerIds(db.dsl());
    }

    public Map<String, CustomerRef> customersByCode(java.util.Collection<String> codes) {
        return repository.customersByCode(db.dsl(), codes);
    }

    public Map<String, CustomerRef> customersByPhone(java.util.Collection<String> e164Numbers) {
        return repository.customersByPhone(db.dsl(), e164Numbers);
    }

    /** The purchases already here of the customers {@code ids} (ascending, distinct), for an import to leave out. */
    PurchasesHere purchasesOf(long[] ids) {
        return repository.purchasesOf(db.dsl(), ids);
    }

    /** Stores validated purchases, all or nothing: see {@link #importPurchases(Consumer, BooleanSupplier)}. */
    public int importPurchases(List<PurchaseLine> lines) {
        return importPurchases(lines.size(), slices -> {
            for (int from = 0; from < lines.size(); from += IMPORT_SLICE) {
                slices.add(lines.subList(from, Math.min(lines.size(), from + IMPORT_SLICE)));
            }
        }, () -> false);
    }

    private static final java.util.Comparator<PurchaseLine> BY_CUSTOMER =
            java.util.Comparator.comparingLong(PurchaseLine::customerId).thenComparing(PurchaseLine::at);

    /** Purchases committed per transaction by an import. */
    public static final int IMPORT_SLICE = 20_000;
    /** Purchases deleted per transaction when an import is undone. */
    private static final int UNDO_RANGE = 10_000;

    /**
     * Set while {@link #importPurchases(Consumer, BooleanSupplier)} runs, to the highest purchase
     * id before it: a store opened with it set holds an interrupted import, whose purchases are
     * those after that id.
     */
    public static final String IMPORT_PENDING = "bulk.purchaseImport.pending";

    /** Takes validated purchases a slice at a time while an import runs. */
    @FunctionalInterface
    public interface PurchaseSlices {
        void add(List<PurchaseLine> lines);
    }

    /**
     * Stores the validated purchases {@code producer} hands over, a slice at a time, all or
     * nothing (an import or the sample shop's history; the producer never needs them all in
     * memory). The 12-month window is moved and everyone given a membership row first; then each
     * slice is one transaction inside {@link Database#bulkLoad}: the purchases as JDBC batches,
     * and one {@code INSERT ... SELECT} earning their points at each customer's tier before the
     * import; at the end one transaction adds the new purchases to the running 12-month totals
     * (decision 0006), places everyone in a tier and removes the flag {@link #IMPORT_PENDING}
     * that was committed before the first slice. A failure or a cancel deletes the purchases
     * already committed, with their ledger entries (the totals and tiers were not touched yet);
     * if the process dies, {@link #undoInterruptedImport} does it at the next start. Archived
     * customers are refused by the importer. Returns how many purchases.
     */
    public int importPurchases(Consumer<PurchaseSlices> producer, BooleanSupplier cancelled) {
        return importPurchases(null, -1, producer, cancelled);
    }

    /**
     * {@link #importPurchases(Consumer, BooleanSupplier)} of about {@code expected} purchases (-1: not
     * known): a load large next to the purchases there is stored with the indexes and foreign keys of
     * purchases and the points ledger made again after it, from sorted runs (decision 0029).
     */
    public int importPurchases(long expected, Consumer<PurchaseSlices> producer, BooleanSupplier cancelled) {
        return importPurchases(null, expected, producer, cancelled);
    }

    /**
     * Where imports of purchases are recorded, so that the last one can be undone (decision 0024);
     * null: not recorded.
     */
    private volatile app.regulars.customer.ImportUndoService importLog;

    public void recordImportsIn(app.regulars.customer.ImportUndoService log) {
        this.importLog = log;
    }

    /**
     * As {@link #importPurchases(long, Consumer, BooleanSupplier)}, an import of the file {@code fileName}
     * (null: the sample shop's history, not an import): recorded, when it succeeds, as the last
     * import, which {@code import undo} can take back (its purchases are those after the highest
     * id before it, its tier changes those its last transaction wrote).
     */
    public int importPurchases(String fileName, long expected, Consumer<PurchaseSlices> producer, BooleanSupplier cancelled) {
        LocalDateTime stamp = now();
        db.write(cfg -> {
            tierRepository.alignAndEnsure(cfg.dsl(), stamp);
            return null;
        });
        DSLContext read = db.dsl();
        Map<Long, BigDecimal> rates = repository.earnRates(read);
        BigDecimal lowestRate = repository.tiers(read).get(0).earnRate();
        int expiryMonths = settings.expiryMonths();
        long after = repository.maxPurchaseId(read);
        Settings flags = new Settings(db);
        app.regulars.customer.ImportUndoService log = fileName == null ? null : importLog;
        long runId = log == null ? 0 : log.startPurchaseImport(fileName, after, "");
        flags.put(IMPORT_PENDING, Long.toString(after));
        int[] done = {0};
        long[] lastId = {after};
        try {
            db.bulkLoad(MembershipRepository.importedPurchases(expected), () -> {
                producer.accept(lines -> {
                    if (cancelled.getAsBoolean()) {
                        throw new UserException("common.cancelled");
                    }
                    // In customer order: a till's file comes in date order, which scatters its rows over
                    // the customer indexes of purchases and ledger; sorted, each index page is visited once.
                    List<PurchaseLine> sorted = new java.util.ArrayList<>(lines);
                    sorted.sort(BY_CUSTOMER);
                    int[] points = new int[sorted.size()];
                    for (int i = 0; i < sorted.size(); i++) {
                        PurchaseLine l = sorted.get(i);
                        BigDecimal rate = rates.get(l.customerId());
                        points[i] = points(checkAmount(l.amount()), rate != null ? rate : lowestRate);
                    }
                    db.dsl().transaction(cfg -> {
                        DSLContext dsl = cfg.dsl();
                        repository.insertPurchases(dsl, sorted, points, stamp);
                        repository.earnForPurchasesAfter(dsl, lastId[0], expiryMonths);
                        lastId[0] = repository.maxPurchaseId(dsl);
                    });
                    done[0] += lines.size();
                });
                return null;
            });
            db.write(cfg -> {
                MembershipImportRepository marks = new MembershipImportRepository();
                long tierFrom = marks.maxTierChange(cfg.dsl());
                tierRepository.evaluateAfterImport(cfg.dsl(), after, stamp);
                if (log != null) {
                    log.finishPurchaseImport(cfg.dsl(), runId, done[0], repository.maxPurchaseId(cfg.dsl()),
                            PurchaseImportUndo.TIER_FROM + "=" + tierFrom + ";" + PurchaseImportUndo.TIER_TO + "=" + marks.maxTierChange(cfg.dsl()));
                }
                Settings.remove(cfg.dsl(), IMPORT_PENDING);
                return null;
            });
        } catch (RuntimeException e) {
            undoImport(flags, after);
            if (log != null) {
                log.abandon(runId);
            }
            throw e;
        }
        return done[0];
    }

    /**
     * Deletes what an import that never finished (the process was killed, the power went)
     * committed, as the import itself does on a failure; run once when the store opens. Returns
     * how many purchases it deleted.
     */
    public int undoInterruptedImport() {
        Settings flags = new Settings(db);
        java.util.Optional<String> pending = flags.get(IMPORT_PENDING);
        if (pending.isEmpty()) {
            return 0;
        }
        int deleted = undoImport(flags, Long.parseLong(pending.get()));
        org.slf4j.LoggerFactory.getLogger(MembershipService.class).warn("An interrupted purchase import left {} purchases; deleted them", deleted);
        return deleted;
    }

    /** Deletes the purchases after id {@code after} and their ledger entries, {@value #UNDO_RANGE} per short transaction, then the flag. */
    private int undoImport(Settings flags, long after) {
        int deleted = db.bulkLoad(() -> {
            long upTo = repository.maxPurchaseId(db.dsl());
            int n = 0;
            for (long from = after; from < upTo; from += UNDO_RANGE) {
                long lo = from;
                long hi = Math.min(upTo, from + UNDO_RANGE);
                n += db.dsl().transactionResult(cfg -> repository.deletePurchases(cfg.dsl(), lo, hi));
            }
            return n;
        });
        flags.remove(IMPORT_PENDING);
        return deleted;
    }

    /**
     * Streams every purchase (code, name, time, amount paid, points, note, voided, void reason,
     * amount before discounts, member discount, coupon code, coupon discount, purchase id), oldest first.
     */
    public void forEachPurchase(java.util.function.Consumer<List<Object>> row) {
        repository.forEachPurchase(db.dsl(), row);
    }

    // ---- member tiers view ----

    public static final int LIST_LIMIT = 1000;
    private final MemberListRepository lists = new MemberListRepository();

    public List<TierSummary> tierSummary() {
        return lists.summary(alignedDsl());
    }

    /** Within 10 % of the next tier's threshold (at most {@value #LIST_LIMIT}). */
    public List<MemberRow> closeToNextTier() {
        return lists.closeToNext(alignedDsl(), settings.rule(), LIST_LIMIT);
    }

    /** Would fall below their tier's threshold when the window moves on 30 days without new purchases. */
    public List<MemberRow> aboutToDrop() {
        return lists.aboutToDrop(alignedDsl(), settings.rule(), tierRepository.windowStart(today()), LIST_LIMIT);
    }

    /**
     * Moves the running 12-month totals to today's window when a day (or more) has passed
     * since they were last moved, and gives new customers their membership row; the shell
     * does it at start, so that the first evaluation of the day does not pay for it.
     */
    public void alignTotals() {
        DSLContext dsl = db.dsl();
        if (!tierRepository.aligned(dsl, today()) || !tierRepository.everyoneHasMembership(dsl)) {
            db.write(cfg -> {
                tierRepository.alignAndEnsure(cfg.dsl(), now());
                return null;
            });
        }
    }

    /** What {@link #startOfDay} did. */
    public record DayStart(long pointsExpired, int birthdayCoupons) {
    }

    /**
     * The membership chores of a new day, run by the shell at every start (each is safe to
     * repeat): moves the 12-month totals to today's window, expires the points that are due
     * (first in, first out) and, when the setting is on, issues the birthday coupons that are due.
     */
    public DayStart startOfDay() {
        alignTotals();
        long expired = expire(today());
        int coupons = settings.birthdayCouponsAutomatic() ? issueBirthdayCoupons(today()) : 0;
        return new DayStart(expired, coupons);
    }

    /** For reads of the running totals. */
    private DSLContext alignedDsl() {
        alignTotals();
        return db.dsl();
    }

    /** Points expiring in the next 30 days, per customer. */
    public List<MemberRow> pointsExpiringSoon() {
        return lists.expiring(alignedDsl(), today(), LIST_LIMIT);
    }

    // ---- ledger internals ----

    private void lockActiveCustomer(DSLContext dsl, long customerId) {
        if (lockCustomer(dsl, customerId)) {
            throw new UserException("membership.error.customerArchived");
        }
    }

    /** Locks the customer's row until the transaction ends: a customer's ledger changes run one at a time. */
    private boolean lockCustomer(DSLContext dsl, long customerId) {
        return repository.lockCustomer(dsl, customerId).orElseThrow(() -> new UserException("customer.error.gone"));
    }

    private Purchase purchase(DSLContext dsl, long purchaseId) {
        return repository.findPurchase(dsl, purchaseId).orElseThrow(() -> new UserException("membership.error.purchaseGone"));
    }

    private static BigDecimal zeroIfNull(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    /** The most points one purchase may earn: an amount beyond it is a typing mistake, and the ledger counts in {@code int}. */
    public static final int MAX_POINTS = 1_000_000_000;

    /** The points {@code amount} earns at {@code rate}; {@code membership.error.tooManyPoints} beyond {@link #MAX_POINTS}. */
    static int points(BigDecimal amount, BigDecimal rate) {
        BigDecimal points = amount.multiply(rate).setScale(0, RoundingMode.FLOOR);
        if (points.compareTo(BigDecimal.valueOf(MAX_POINTS)) > 0) {
            throw new UserException("membership.error.tooManyPoints", amount.toPlainString(), MAX_POINTS);
        }
        return points.intValueExact();
    }

    /** The highest rate any tier earns at: an import checks each amount against it, whichever tier its customer reaches. */
    BigDecimal highestEarnRate() {
        return tiers().stream().map(Tier::earnRate).max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
    }

    private void credit(DSLContext dsl, long customerId, PointKind kind, int points, LocalDateTime at, Long purchaseId, String reason) {
        int months = settings.expiryMonths();
        repository.insertLot(dsl, customerId, kind, points, at, months == 0 ? null : at.toLocalDate().plusMonths(months), purchaseId, reason);
    }

    /** Checks the balance (the caller holds the customer's lock), takes the points from the lots, writes the entry. */
    private void debit(DSLContext dsl, long customerId, PointKind kind, int points, LocalDateTime at, Long purchaseId,
                       Long rewardId, String reason, String notEnoughKey) {
        int balance = repository.balance(dsl, customerId);
        if (points > balance) {
            throw new UserException(notEnoughKey, points, balance);
        }
        if (repository.takeFromLots(dsl, customerId, points, purchaseId) > 0) {
            throw new IllegalStateException("ledger lots do not cover the balance of customer " + customerId);
        }
        repository.insertDebit(dsl, customerId, kind, points, at, purchaseId, rewardId, reason);
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new UserException("membership.error.reasonRequired");
        }
        if (why.length() > MAX_REASON) {
            throw new UserException("membership.error.tooLong", MAX_REASON);
        }
        return why;
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
}
