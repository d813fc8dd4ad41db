-- A family's display name is "first last": two names of up to 100 characters each and the
-- space between them. The old limit (200) made the longest valid names a 500 at sign-up.
alter table app_user drop constraint app_user_display_name_check;
alter table app_user add constraint app_user_display_name_check
    check (length(display_name) between 1 and 201);
alter table case_party drop constraint case_party_display_name_check;
alter table case_party add constraint case_party_display_name_check
    check (length(display_name) between 1 and 201);
