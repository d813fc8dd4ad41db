-- No working secret in the outbox (issue 10): a password link (a reset, an invitation) is made
-- when its e-mail is sent. The outbox keeps a marker in the body and whose link it is; the
-- worker creates the token then, puts the link into the e-mail it sends, and stores nothing
-- readable (the token's hash only, as before).
alter table outbox_message
    add column link_user_id uuid references app_user on delete cascade,
    add column link_expires_at timestamptz,
    add column link_base_url text check (length(link_base_url) <= 500),
    add constraint outbox_message_link_check
        check ((link_user_id is null) = (link_expires_at is null)
               and (link_user_id is null) = (link_base_url is null));

-- Bodies written before this migration held working links: they are made useless.
update outbox_message
   set body_text = regexp_replace(body_text, 'token=[A-Za-z0-9_-]+', 'token=-', 'g')
 where body_text ~ 'token=';
