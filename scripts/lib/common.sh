# Shared by the scripts in scripts/: paths, PATH, and a private PostgreSQL for tests and tools.
# Source it; it does not run anything by itself.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Persistent caches outside the clone: cargo's target dir and the npm cache survive `git clean`
# and fresh clones, which keeps rebuilds short. A machine without them still works (cold build).
# CI may run without HOME: take the current user's home from the password database.
: "${HOME:=$(getent passwd "$(id -un)" | cut -d: -f6)}"
export HOME
ANCORA_CACHE_DIR=${ANCORA_CACHE_DIR:-$HOME/.cache/ancora}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ANCORA_CACHE_DIR/target}
export npm_config_cache=${npm_config_cache:-$ANCORA_CACHE_DIR/npm}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Tools installed as prebuilt binaries (cargo-deny) live beside the caches.
ANCORA_BIN_DIR=$ANCORA_CACHE_DIR/bin
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$ANCORA_BIN_DIR:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs "$@" up to 4 times, waiting longer after each failure (registries can hiccup).
retry() {
    local attempt=1 delay=5
    until "$@"; do
        if [ "$attempt" -ge 4 ]; then return 1; fi
        say "retrying in ${delay}s: $*"
        sleep "$delay"
        attempt=$((attempt + 1)); delay=$((delay * 2))
    done
}

pg_bin_dir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return 0; }
    return 1
}

# Under a moved test clock (ANCORA_CLOCK_OFFSET seconds, set by scripts/test from ANCORA_CLOCK),
# the processes that read the time run through MOVED_CLOCK: libfaketime (Debian's, installed
# when first needed) moves their clock, PostgreSQL's now() included, so that every process of a
# test run agrees on what "now" is. Empty on the real clock.
MOVED_CLOCK=()
moved_clock() {
    MOVED_CLOCK=()
    [ -n "${ANCORA_CLOCK_OFFSET:-}" ] || return 0
    local lib offset=$ANCORA_CLOCK_OFFSET
    lib=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -1)
    if [ -z "$lib" ]; then
        [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
            || die "a moved test clock needs libfaketime (as root: apt-get install libfaketime)"
        say "installing libfaketime (a moved clock for the tests)"
        retry apt-get update -qq >&2 || die "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive retry apt-get install -y -qq --no-install-recommends libfaketime >&2 \
            || die "apt-get install libfaketime failed"
        lib=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 | head -1)
    fi
    [[ "$offset" == -* ]] || offset="+$offset"
    MOVED_CLOCK=(env "LD_PRELOAD=$lib" "FAKETIME=$offset")
}

# Starts a throw-away PostgreSQL cluster in a new temporary folder, listening on a Unix socket
# there only. Sets PG_TMP and DATABASE_URL; `stop_test_pg` removes it all.
start_test_pg() {
    local bin run_as=()
    bin=$(pg_bin_dir) || die "PostgreSQL server binaries not found (Debian: apt-get install postgresql)"
    PG_TMP=$(mktemp -d /tmp/ancora-test-pg.XXXXXX)
    chmod 755 "$PG_TMP"
    if [ "$(id -u)" = 0 ]; then
        # initdb refuses root: the cluster runs as an unprivileged user that owns the folder.
        local user=postgres
        id -u postgres >/dev/null 2>&1 || user=nobody
        chown "$user" "$PG_TMP"
        run_as=(runuser -u "$user" --)
    fi
    "${run_as[@]}" "$bin/initdb" -D "$PG_TMP/data" -U ancora --auth=trust --encoding=UTF8 \
        --no-locale --no-sync >"$PG_TMP/initdb.log" 2>&1 \
        || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }
    # fsync off: a test cluster is thrown away, durability buys nothing but time.
    PG_OPTIONS="-k $PG_TMP -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    moved_clock
    "${run_as[@]}" "${MOVED_CLOCK[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w -t 60 start \
        -o "$PG_OPTIONS" >/dev/null || { cat "$PG_TMP/postgres.log" >&2; die "the test PostgreSQL did not start"; }
    export DATABASE_URL="postgres://ancora@localhost/postgres?host=$PG_TMP"
    PG_RUN_AS=("${run_as[@]}")
    PG_BIN=$bin
}

stop_test_pg() {
    if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
        "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_TMP"
    fi
}
