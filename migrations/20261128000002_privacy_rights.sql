-- A household's rights (issue 10): download its data, erase it; and the retention job.

-- The retention job removes login attempts by age, and voids the bodies of old e-mails.
create index if not exists login_attempt_attempted_idx on login_attempt (attempted_at);
create index if not exists outbox_message_sent_idx on outbox_message (sent_at) where body_text <> '';
-- A household's copy of its data, and its erasure, find the e-mails written to its addresses.
create index if not exists outbox_message_recipient_idx on outbox_message (lower(recipient));

comment on column household.erasure_requested_at is
    'when the household was erased: its members keep no names nor birth dates (only adult or '
    'child), its bookings stay for the centre''s figures, its accounts are gone';
