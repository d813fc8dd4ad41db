-- The audit log's page (/coordinamento/registro-accessi) reads a centre's rows newest first,
-- optionally those of one staff member or of one action: each of these is an index scan from
-- the newest row, whatever the size of the log.
create index if not exists audit_log_centre_idx on audit_log (centre_id, audit_log_id);
create index if not exists audit_log_actor_idx on audit_log (actor_user_id, audit_log_id);
create index if not exists audit_log_action_idx on audit_log (action, audit_log_id);
