-- The list beside the calendar decided from its index (issue 13). A follow-up due all day is
-- overdue only once its day is over (FollowUp.isOverdue): the overdue ones are those at a time
-- before now and those all day before today, and today's are the rest of the day. In one order of
-- (status, due_at, id) the all-day ones lie among the timed ones: on the day a 100,000-customer
-- shop's check-ins are made (some 50,000, all day, due that day) H2 read every one of them, and
-- each row, to find which were overdue (78 MB and 280 ms from a cold cache). With all_day before
-- due_at each part is a range read in its order, and kind, owner and customer_id at the end let a
-- filter by kind, owner or customer tag be tested from the index (each filter read every overdue
-- row: 65-71 MB). The counts of planned ones due before a time read the two ranges.
DROP INDEX ix_follow_up_status_due;
CREATE INDEX ix_follow_up_status_due ON follow_up (status, all_day, due_at, id, kind, owner, customer_id);
