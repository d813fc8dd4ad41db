# Shared by scripts/bench and scripts/faults: a server on a database of its own, and families
# with login sessions made straight in the database (as many as a storm needs, without 200
# sign-ups through e-mail). Source it after common.sh.

# free_port: a free TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_server BINARY DATABASE PORT LOG: starts the server on DATABASE (demo data, production
# settings), appending its log to LOG; sets SERVER_PID and waits until it answers (60 s).
start_server() {
    local binary=$1 database=$2 port=$3 log=$4
    DATABASE_URL="$database" ANCORA_DEMO_DATA=true ANCORA_DEMO_IN_PRODUCTION=true \
        LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD \
        RUST_LOG=warn "$binary" >>"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$log" >&2; die "the server exited before answering"; }
        sleep 0.5
    done
    die "the server did not answer in 60 s"
}

# create_families DATABASE N TOKENS: N families, each one adult and a login session (stored as
# the SHA-256 of the cookie's token, as the login page stores it); writes "<token> <member id>"
# lines to TOKENS.
create_families() {
    local database=$1 n=$2 tokens=$3
    : >"$tokens"
    chmod 666 "$tokens"
    psql "$database" -qtA -v ON_ERROR_STOP=1 <<SQL
create temp table fam as
    select i, gen_random_uuid() as household_id, gen_random_uuid() as user_id,
           gen_random_uuid() as member_id, 'load-token-' || i || '-' || md5(random()::text) as token
    from generate_series(1, $n) as i;
insert into household (household_id) select household_id from fam;
insert into app_user (user_id, email, display_name, role, household_id)
    select user_id, 'load' || i || '.' || household_id || '@example.org', 'Load ' || i, 'family', household_id from fam;
insert into household_member (member_id, household_id, kind, relation, first_name, last_name, birth_date)
    select member_id, household_id, 'adult', 'parent', 'Load', 'Family ' || i, date '1985-01-01' from fam;
insert into web_session (web_session_id, user_id, expires_at)
    select encode(sha256(convert_to(token, 'UTF8')), 'hex'), user_id, now() + interval '1 day' from fam;
\copy (select token || ' ' || member_id from fam order by i) to '$tokens'
SQL
}

# create_meeting DATABASE SEATS TITLE: a parents' group meeting a week ahead; prints its id.
create_meeting() {
    psql "$1" -qtA -v ON_ERROR_STOP=1 -c "insert into group_session (service_id, title, starts_at, ends_at, capacity)
        select service_id, '$3', now() + interval '7 days', now() + interval '7 days 90 minutes', $2
        from service where slug = 'gruppi-genitori' returning group_session_id"
}
