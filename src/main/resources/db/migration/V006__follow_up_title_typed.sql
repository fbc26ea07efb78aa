-- Follow-up titles in the language of the moment (issue 12, item 4, decision 0011).
-- A generated follow-up (birthday, holiday greeting, cadence check-in, win-back, the complaint
-- a low survey score opens) is shown
-- with its title rendered from its kind and generation key in the language the program
-- speaks now; a title typed by a person is shown as typed. title keeps the text as it was
-- last written (for search, and for an older program reading this file).

ALTER TABLE follow_up ADD COLUMN title_typed BOOLEAN DEFAULT TRUE NOT NULL;

-- The rows generated before this step: those whose title is still the one the generator
-- wrote, in English or in Chinese (the texts never changed before this step). A title a
-- person changed in the form stays theirs. A birthday title named the customer as they were
-- called then, so it is matched by its shape.
UPDATE follow_up SET title_typed = FALSE
WHERE (generation_key LIKE 'CADENCE:%' AND title IN ('Routine check-in', '例行回访'))
   OR (generation_key LIKE 'HOLIDAY:NEW_YEAR:%' AND title IN ('New Year greeting', '元旦问候'))
   OR (generation_key LIKE 'HOLIDAY:SPRING_FESTIVAL:%' AND title IN ('Spring Festival greeting', '春节问候'))
   OR (generation_key LIKE 'HOLIDAY:MID_AUTUMN:%' AND title IN ('Mid-Autumn Festival greeting', '中秋节问候'))
   OR (generation_key LIKE 'BIRTHDAY:%' AND (title LIKE 'Birthday of % on %/%' OR title LIKE '%的生日（%月%日）'))
   OR (generation_key LIKE 'WIN_BACK:%' AND title IN ('Win back: a regular at risk', '挽回：有流失风险的老顾客'));

-- The complaints low scores opened had no key: they get the one the surveys give them now
-- (COMPLAINT:<NPS|CSAT>:<score>:<response>), when their title is still the one written then.
UPDATE follow_up SET title_typed = FALSE,
    generation_key = (SELECT 'COMPLAINT:' || s.kind || ':' || r.score || ':' || r.id
                      FROM survey_response r JOIN survey s ON s.id = r.survey_id
                      WHERE r.complaint_followup_id = follow_up.id)
WHERE kind = 'COMPLAINT' AND generation_key IS NULL
  AND (title LIKE 'Low score in "%": %' OR title LIKE '“%”低分：%')
  AND 1 = (SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id
           WHERE r.complaint_followup_id = follow_up.id AND s.kind IN ('NPS', 'CSAT') AND r.score IS NOT NULL);
