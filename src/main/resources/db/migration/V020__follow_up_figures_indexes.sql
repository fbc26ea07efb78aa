-- The staff figures read from indexes, not from the follow-ups' rows (issue 13, decision 0052).
-- The insights page's staff figures (InsightRepository.ownerFollowUps and ownerScores) count, per
-- owner, the follow-ups due in a period, the complaints opened in it and the customers followed up
-- in it. After the day's jobs a 100,000-customer shop has some 50,000 check-ins due today: H2 read
-- each one's whole row through the due-time index, walked every follow-up for the complaints, and
-- read every done follow-up ever for the customers followed up, three times. With these indexes H2
-- answers the first and the last from the index alone (the id is its row key) and finds the few
-- complaints directly.
CREATE INDEX ix_follow_up_due_figures ON follow_up (due_at, status, owner, completed_at);
CREATE INDEX ix_follow_up_opened ON follow_up (kind, opened_at);
CREATE INDEX ix_follow_up_completed ON follow_up (status, completed_at, owner, customer_id);
