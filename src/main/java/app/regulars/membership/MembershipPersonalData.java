package app.regulars.membership;

import app.regulars.customer.DataSection;
import app.regulars.customer.DataSection.Field;
import app.regulars.customer.DataSection.Shown;
import app.regulars.customer.Erasure;
import app.regulars.customer.PersonalData;
import app.regulars.i18n.Messages;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Membership's part of a customer's privacy requests (decision 0021): their tier and points now,
 * purchases, points ledger, coupons and tier history in an export; in an erasure the purchases
 * stay as anonymous figures (date, amounts, points), so every total the shop sees stays right,
 * while notes, reasons and the tier history go.
 */
final class MembershipPersonalData implements PersonalData {
    private static final int ALL = Integer.MAX_VALUE;

    private final MembershipService membership;
    private final MembershipRepository repository;

    MembershipPersonalData(MembershipService membership, MembershipRepository repository) {
        this.membership = membership;
        this.repository = repository;
    }

    @Override
    public List<DataSection> export(long customerId, Messages messages) {
        List<DataSection> out = new ArrayList<>();
        MembershipSnapshot snapshot = membership.snapshot(customerId);
        out.add(DataSection.single("membership", messages.get("privacy.section.membership"), List.of(
                        Field.of("tier", messages.get("followup.brief.tier")),
                        Field.of("pointsBalance", messages.get("followup.brief.points")),
                        Field.of("spend12Months", messages.get("followup.brief.spend12"))),
                Arrays.asList(snapshot.tier() == null ? null : snapshot.tier().displayName(messages), snapshot.pointsBalance(),
                        snapshot.spend12Months())));

        List<List<Object>> purchases = new ArrayList<>();
        for (Purchase p : membership.purchases(customerId, ALL)) {
            purchases.add(Arrays.asList(p.purchasedAt(), p.amount(), p.amountBefore(), p.memberDiscount(), p.couponDiscount(),
                    p.couponCode(), p.points(), p.note(), p.voided(), p.voidReason()));
        }
        out.add(DataSection.list("purchases", messages.get("membership.profile.purchases"), List.of(
                new Field("purchasedAt", messages.get("membership.column.date"), 1.3),
                Field.of("amount", messages.get("membership.column.amount")),
                Field.of("amountBeforeDiscounts", messages.get("membership.column.before")),
                Field.of("memberDiscount", messages.get("privacy.field.memberDiscount")),
                Field.of("couponDiscount", messages.get("privacy.field.couponDiscount")),
                Field.of("coupon", messages.get("membership.column.code")),
                new Field("points", messages.get("membership.column.points"), 0.7),
                new Field("note", messages.get("membership.column.note"), 1.6),
                new Field("voided", messages.get("privacy.field.voided"), 0.7),
                Field.of("voidReason", messages.get("privacy.field.voidReason"))), purchases));

        List<List<Object>> points = new ArrayList<>();
        for (PointEntry e : membership.ledger(customerId, ALL)) {
            points.add(Arrays.asList(e.at(), new Shown(e.kind().name(), messages.get("membership.kind." + e.kind().name())),
                    e.points(), e.remaining(), e.expiresOn(), e.reason()));
        }
        out.add(DataSection.list("points", messages.get("membership.profile.points"), List.of(
                new Field("at", messages.get("membership.column.date"), 1.3),
                Field.of("kind", messages.get("membership.column.kind")),
                new Field("points", messages.get("membership.column.points"), 0.7),
                new Field("remaining", messages.get("privacy.field.remaining"), 0.7),
                Field.of("expiresOn", messages.get("membership.column.expires")),
                new Field("reason", messages.get("membership.column.reason"), 1.8)), points));

        List<List<Object>> coupons = new ArrayList<>();
        for (Coupon c : membership.coupons(customerId)) {
            coupons.add(Arrays.asList(c.code(), new Shown(c.kind().name(), messages.get("membership.coupon." + c.kind().name())),
                    c.amount(), c.percent(), c.validFrom(), c.validUntil(), c.redeemedAt(), c.note()));
        }
        out.add(DataSection.list("coupons", messages.get("membership.profile.coupons"), List.of(
                Field.of("code", messages.get("membership.column.code")),
                Field.of("kind", messages.get("membership.column.kind")),
                Field.of("amount", messages.get("membership.column.amount")),
                new Field("percent", messages.get("privacy.field.percent"), 0.6),
                Field.of("validFrom", messages.get("privacy.field.validFrom")),
                Field.of("validUntil", messages.get("privacy.field.validUntil")),
                new Field("usedAt", messages.get("membership.column.redeemed"), 1.2),
                new Field("note", messages.get("membership.column.note"), 1.4)), coupons));

        List<List<Object>> tiers = new ArrayList<>();
        for (TierChange t : membership.tierHistory(customerId)) {
            tiers.add(Arrays.asList(t.at(), t.fromName(), t.toName(),
                    new Shown(t.reason().name(), messages.get("membership.reason." + t.reason().name())), t.basis()));
        }
        out.add(DataSection.list("tierHistory", messages.get("membership.profile.tierHistory"), List.of(
                new Field("changedAt", messages.get("membership.column.date"), 1.3),
                Field.of("from", messages.get("privacy.field.fromTier")),
                Field.of("to", messages.get("privacy.field.toTier")),
                new Field("reason", messages.get("membership.column.reason"), 1.6),
                Field.of("basis", messages.get("membership.column.basis"))), tiers));
        return out;
    }

    @Override
    public void erase(DSLContext tx, Erasure erasure) {
        repository.erase(tx, erasure.customerId());
        repository.maskMentions(tx, erasure.customerId(), erasure.terms());
    }
}
