//! A private PostgreSQL cluster for development and demos, run from the machine's PostgreSQL
//! binaries when no `DATABASE_URL` is given.
//!
//! The cluster lives in a data folder of the project (default `.data/postgres`), listens only on a
//! Unix socket (no TCP port to collide with or to expose), and is a child of the server: stopped
//! when the server stops, and told to stop by the kernel if the server is killed
//! (`PR_SET_PDEATHSIG`). PostgreSQL refuses to run as root, so under root the cluster runs as the
//! unprivileged `postgres` user (or `nobody`) that owns the data folder.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};
use tokio::process::{Child, Command};

/// The database (and superuser) name inside the private cluster.
pub const DATABASE_NAME: &str = "ancora";
/// Only names the socket file (`.s.PGSQL.5432`): the cluster opens no TCP port.
const SOCKET_PORT: u16 = 5432;
/// A Unix socket path must fit in `sockaddr_un.sun_path` (108 bytes, with the final NUL).
const MAX_SOCKET_PATH: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedPgError {
    #[error(
        "PostgreSQL server binaries (initdb, postgres) were not found. Install them \
         (Debian: `apt-get install postgresql`), set ANCORA_PG_BIN_DIR to their folder, \
         or set DATABASE_URL to use an existing server"
    )]
    BinariesMissing,
    #[error("cannot prepare the data folder {path}: {source}")]
    DataFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("initdb failed for {path}: {output}")]
    Initdb { path: PathBuf, output: String },
    #[error("another PostgreSQL (pid {pid}) is running on {path}: is another Àncora server using this data folder?")]
    InUse { pid: i32, path: PathBuf },
    #[error("PostgreSQL did not start (log: {log}): {detail}")]
    Start { log: PathBuf, detail: String },
    #[error("database set-up failed: {0}")]
    Database(#[from] sqlx::Error),
}

/// Where the cluster lives and which binaries run it.
#[derive(Debug, Clone)]
pub struct EmbeddedPgConfig {
    /// The cluster's data folder (PGDATA). Created when missing.
    pub data_dir: PathBuf,
    /// The folder holding `initdb` and `postgres`; searched for when `None`.
    pub bin_dir: Option<PathBuf>,
}

/// A running private cluster. Call [`EmbeddedPostgres::stop`] on shutdown.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    child: Child,
    data_dir: PathBuf,
    socket_dir: PathBuf,
}

/// The user the cluster runs as when the server runs as root.
#[derive(Debug, Clone, Copy)]
struct RunAs {
    uid: u32,
    gid: u32,
}

impl EmbeddedPostgres {
    /// Creates the cluster on first use, starts it and makes sure the `ancora` database exists.
    pub async fn start(config: &EmbeddedPgConfig) -> Result<Self, EmbeddedPgError> {
        let bin_dir = match &config.bin_dir {
            Some(dir) => dir.clone(),
            None => find_bin_dir().ok_or(EmbeddedPgError::BinariesMissing)?,
        };
        if !bin_dir.join("postgres").exists() || !bin_dir.join("initdb").exists() {
            return Err(EmbeddedPgError::BinariesMissing);
        }
        let data_dir = absolute(&config.data_dir);
        let run_as = unprivileged_user();

        if !data_dir.join("PG_VERSION").exists() {
            init_cluster(&bin_dir, &data_dir, run_as).await?;
        }
        clear_stale_pid_file(&data_dir).await?;

        let socket_dir = socket_dir_for(&data_dir, run_as)?;
        let log_path = data_dir.with_extension("log");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|source| EmbeddedPgError::DataFolder {
                path: log_path.clone(),
                source,
            })?;
        let log_err = log
            .try_clone()
            .map_err(|source| EmbeddedPgError::DataFolder {
                path: log_path.clone(),
                source,
            })?;

        let mut command = Command::new(bin_dir.join("postgres"));
        command
            .arg("-D")
            .arg(&data_dir)
            .arg("-k")
            .arg(&socket_dir)
            .arg("-p")
            .arg(SOCKET_PORT.to_string())
            .args(["-c", "listen_addresses="])
            .args(["-c", "unix_socket_permissions=0700"])
            .args(["-c", "fsync=on"])
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log_err))
            // Its own process group: a Ctrl-C in the terminal reaches the server, which stops
            // the web server first and the database last.
            .process_group(0)
            .kill_on_drop(false);
        if let Some(user) = run_as {
            command.uid(user.uid).gid(user.gid);
        }
        let parent = std::process::id() as libc::pid_t;
        // SAFETY: only async-signal-safe calls (prctl, getppid, _exit) between fork and exec.
        unsafe {
            command.pre_exec(move || {
                // If the server dies without stopping us (kill -9), the kernel asks for a fast
                // shutdown, so no orphaned cluster keeps the data folder locked.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT);
                if libc::getppid() != parent {
                    libc::_exit(1);
                }
                Ok(())
            });
        }
        let child = command.spawn().map_err(|e| EmbeddedPgError::Start {
            log: log_path.clone(),
            detail: e.to_string(),
        })?;
        let mut cluster = EmbeddedPostgres {
            child,
            data_dir,
            socket_dir,
        };
        if let Err(error) = cluster.wait_until_ready(&log_path).await {
            cluster.stop().await;
            return Err(error);
        }
        cluster.ensure_database().await?;
        tracing::info!(data_dir = %cluster.data_dir.display(), "embedded PostgreSQL ready");
        Ok(cluster)
    }

    /// Connection options for the `ancora` database over the cluster's socket.
    pub fn connect_options(&self) -> PgConnectOptions {
        self.options_for(DATABASE_NAME)
    }

    /// A `postgres://` URL for tools such as `psql` or sqlx's macros.
    pub fn database_url(&self) -> String {
        format!(
            "postgres://{DATABASE_NAME}@localhost:{SOCKET_PORT}/{DATABASE_NAME}?host={}",
            self.socket_dir.display()
        )
    }

    /// The data folder (PGDATA) of the cluster.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    fn options_for(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.socket_dir)
            .port(SOCKET_PORT)
            .username(DATABASE_NAME)
            .database(database)
            .disable_statement_logging()
    }

    async fn wait_until_ready(&mut self, log_path: &Path) -> Result<(), EmbeddedPgError> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(EmbeddedPgError::Start {
                    log: log_path.to_path_buf(),
                    detail: format!("postgres exited with {status}: {}", tail(log_path)),
                });
            }
            match PgConnection::connect_with(&self.options_for("postgres")).await {
                Ok(conn) => {
                    let _ = conn.close().await;
                    return Ok(());
                }
                Err(error) if Instant::now() > deadline => {
                    return Err(EmbeddedPgError::Start {
                        log: log_path.to_path_buf(),
                        detail: error.to_string(),
                    })
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    async fn ensure_database(&self) -> Result<(), EmbeddedPgError> {
        let mut conn = PgConnection::connect_with(&self.options_for("postgres")).await?;
        let exists: bool =
            sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
                .bind(DATABASE_NAME)
                .fetch_one(&mut conn)
                .await?;
        if !exists {
            sqlx::query(&format!(
                "create database {DATABASE_NAME} encoding 'UTF8' template template0"
            ))
            .execute(&mut conn)
            .await?;
        }
        conn.close().await?;
        Ok(())
    }

    /// Fast shutdown: open connections are closed, committed data is on disk.
    pub async fn stop(mut self) {
        if let Some(pid) = self.child.id() {
            // SAFETY: plain kill(2) on our own child.
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGINT);
            }
        }
        match tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await {
            Ok(_) => tracing::info!("embedded PostgreSQL stopped"),
            Err(_) => {
                tracing::warn!("embedded PostgreSQL did not stop in 30 s; killing it");
                let _ = self.child.kill().await;
            }
        }
    }
}

/// The newest `/usr/lib/postgresql/<version>/bin`, else the folder of `initdb` on PATH.
fn find_bin_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("ANCORA_PG_BIN_DIR") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("initdb"))
        .find(|candidate| candidate.exists())
        .and_then(|initdb| std::fs::canonicalize(initdb).ok())
        .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

/// Under root, the account the cluster runs as: `postgres` when it exists, else `nobody`.
fn unprivileged_user() -> Option<RunAs> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    ["postgres", "nobody"].iter().find_map(|name| {
        let name = CString::new(*name).ok()?;
        // SAFETY: getpwnam returns a pointer to static storage or null; read at once.
        let entry = unsafe { libc::getpwnam(name.as_ptr()) };
        if entry.is_null() {
            return None;
        }
        // SAFETY: checked non-null above.
        let entry = unsafe { &*entry };
        Some(RunAs {
            uid: entry.pw_uid,
            gid: entry.pw_gid,
        })
    })
}

fn chown(path: &Path, user: RunAs) -> std::io::Result<()> {
    std::os::unix::fs::chown(path, Some(user.uid), Some(user.gid))
}

/// Runs `initdb` into a sibling folder and renames it into place, so an interrupted first start
/// never leaves a half-made cluster behind.
async fn init_cluster(
    bin_dir: &Path,
    data_dir: &Path,
    run_as: Option<RunAs>,
) -> Result<(), EmbeddedPgError> {
    let folder_error = |source| EmbeddedPgError::DataFolder {
        path: data_dir.to_path_buf(),
        source,
    };
    let parent = data_dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(folder_error)?;
    let staging = data_dir.with_extension("initdb");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(folder_error)?;
    }
    if data_dir.exists() {
        // A data folder without PG_VERSION is what an interrupted older layout left: only an
        // empty one may be replaced.
        std::fs::remove_dir(data_dir).map_err(folder_error)?;
    }
    std::fs::create_dir(&staging).map_err(folder_error)?;
    if let Some(user) = run_as {
        chown(&staging, user).map_err(folder_error)?;
    }
    let mut command = Command::new(bin_dir.join("initdb"));
    command
        .arg("-D")
        .arg(&staging)
        .args(["-U", DATABASE_NAME])
        .args([
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        ])
        .stdin(Stdio::null());
    if let Some(user) = run_as {
        command.uid(user.uid).gid(user.gid);
    }
    let output = command.output().await.map_err(folder_error)?;
    if !output.status.success() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(EmbeddedPgError::Initdb {
            path: data_dir.to_path_buf(),
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        });
    }
    std::fs::rename(&staging, data_dir).map_err(folder_error)?;
    Ok(())
}

/// After a crash the cluster's `postmaster.pid` may remain. A dead pid is simply stale; a live
/// postgres that nobody owns any more (its server was killed) is given time to finish its own
/// shutdown, then asked to stop.
async fn clear_stale_pid_file(data_dir: &Path) -> Result<(), EmbeddedPgError> {
    let pid_file = data_dir.join("postmaster.pid");
    let Some(pid) = std::fs::read_to_string(&pid_file)
        .ok()
        .and_then(|text| text.lines().next()?.trim().parse::<i32>().ok())
    else {
        return Ok(());
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut asked_to_stop = false;
    while is_postgres(pid) {
        if !asked_to_stop && parent_of(pid) == Some(1) {
            // SAFETY: plain kill(2).
            unsafe {
                libc::kill(pid, libc::SIGINT);
            }
            asked_to_stop = true;
        }
        if Instant::now() > deadline {
            return Err(EmbeddedPgError::InUse {
                pid,
                path: data_dir.to_path_buf(),
            });
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // PostgreSQL would also discard a stale file; removing it keeps its log free of warnings.
    let _ = std::fs::remove_file(&pid_file);
    Ok(())
}

fn is_postgres(pid: i32) -> bool {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|cmdline| {
            let program = cmdline.split(|b| *b == 0).next().unwrap_or_default();
            String::from_utf8_lossy(program).contains("postgres")
        })
        .unwrap_or(false)
}

fn parent_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces: fields start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The socket goes into the data folder itself when its path is short enough, else into a
/// private folder under /tmp named after the data folder.
fn socket_dir_for(data_dir: &Path, run_as: Option<RunAs>) -> Result<PathBuf, EmbeddedPgError> {
    let socket_name_len = format!("/.s.PGSQL.{SOCKET_PORT}").len();
    if data_dir.as_os_str().len() + socket_name_len <= MAX_SOCKET_PATH {
        return Ok(data_dir.to_path_buf());
    }
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data_dir.hash(&mut hasher);
    let dir = std::env::temp_dir().join(format!("ancora-pg-{:016x}", hasher.finish()));
    let folder_error = |source| EmbeddedPgError::DataFolder {
        path: dir.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(folder_error)?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(folder_error)?;
    if let Some(user) = run_as {
        chown(&dir, user).map_err(folder_error)?;
    }
    Ok(dir)
}

fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(10)..].join("\n")
}
