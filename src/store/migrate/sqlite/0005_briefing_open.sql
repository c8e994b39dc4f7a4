-- The briefing's tallies read, per unit, the items still in hand during a
-- period: those returned (resolved) on or after its first day, and those not
-- returned at all. Indexed by (unit, return day, received day), both are
-- ranges of one covering index, instead of a scan of every item a unit ever
-- received.
CREATE INDEX dossier_unit_returned ON dossier(unit_id, returned_day, received_day, due_day);
CREATE INDEX petition_unit_resolved ON petition(unit_id, resolved_day, received_day, deadline_day, kind);
