-- "The tasks of a few units that may be open on day D" (open_until > D): a
-- range per unit here, where index task_lead (unit, assigned day) gave every
-- task a unit was ever assigned, each read from the table to test open_until.
-- A district's overdue list reads its few hundred open tasks, not its 9,000.
CREATE INDEX task_lead_open ON task(lead_unit_id, open_until);
