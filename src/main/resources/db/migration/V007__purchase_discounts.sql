-- Discounts at the counter (issue 12, items 1 and 2): a purchase may get its customer's tier
-- discount and one coupon. purchase.amount stays what was PAID, so every total, report, point
-- and the running 12-month totals of V005 (spend_12m = SUM(purchase.amount)) count what was paid.
--   amount_before    the price before discounts; NULL when nothing was taken off
--   member_discount  money taken off for the customer's tier (NULL: none)
--   coupon_discount  money taken off by the coupon used with it (NULL: none)
-- so that amount = amount_before - COALESCE(member_discount, 0) - COALESCE(coupon_discount, 0)
-- when amount_before is set.
ALTER TABLE purchase ADD COLUMN amount_before DECIMAL(14,2);
ALTER TABLE purchase ADD COLUMN member_discount DECIMAL(14,2);
ALTER TABLE purchase ADD COLUMN coupon_discount DECIMAL(14,2);

-- Which purchase a coupon was used with. The coupon row is the one source of truth of its use:
-- redeemed_at says it is used, purchase_id (optional) with what; at most one coupon a purchase.
-- Voiding the purchase gives the coupon back (both cleared, in the void's transaction).
ALTER TABLE coupon ADD COLUMN purchase_id BIGINT;
ALTER TABLE coupon ADD CONSTRAINT fk_coupon_purchase FOREIGN KEY (purchase_id) REFERENCES purchase (id) ON DELETE SET NULL;
ALTER TABLE coupon ADD CONSTRAINT uq_coupon_purchase UNIQUE (purchase_id);
