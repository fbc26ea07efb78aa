-- The week and the day read from the due-time index alone (issue 13). Their page takes the first
-- few follow-ups of each row of a day (all day, or an hour) and counts each row, so it needs
-- all_day beside due_at; on (due_at, id) H2 read the row of every follow-up of the week for it:
-- on the week of a 100,000-customer shop's check-ins (some 50,000 all day on one day) 113-119 MB
-- and 850-900 ms from a cold cache, 53 MB and 500-560 ms with all_day in the index.
DROP INDEX ix_follow_up_due;
CREATE INDEX ix_follow_up_due ON follow_up (due_at, id, all_day);
