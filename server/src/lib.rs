//! Àncora's server: settings, the database (embedded or external), migrations, demo data and the
//! HTTP router. Every feature lives in the `app` crate; this crate only wires things up.

pub mod embedded_pg;
pub mod security;
pub mod settings;

use std::time::Duration;

use app::messages::mailer::{AnyMailer, FolderMailer, MailConfigError, SmtpMailer};
use app::messages::worker::{run_worker, WorkerOptions};
use app::shared::state::AppState;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use secrecy::ExposeSecret;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use embedded_pg::{EmbeddedPgConfig, EmbeddedPostgres};
pub use settings::Settings;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Settings(#[from] settings::SettingsError),
    #[error(transparent)]
    EmbeddedPostgres(#[from] embedded_pg::EmbeddedPgError),
    #[error("cannot connect to the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot set up e-mail: {0}")]
    Mail(#[from] MailConfigError),
    #[error("cannot load demo data: {0}")]
    Demo(String),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
}

/// The database the server uses, and the private cluster behind it when there is one.
pub struct Database {
    pub pool: PgPool,
    embedded: Option<EmbeddedPostgres>,
}

impl Database {
    /// Connects to `DATABASE_URL`, or starts the private cluster; then migrates, and loads the
    /// demo data when asked to and the database has none yet.
    pub async fn open(settings: &Settings) -> Result<Self, StartError> {
        let (options, embedded) = match &settings.database_url {
            Some(url) => (url.expose_secret().parse::<PgConnectOptions>()?, None),
            None => {
                let cluster = EmbeddedPostgres::start(&EmbeddedPgConfig {
                    data_dir: settings.pg_data_dir.clone(),
                    bin_dir: None,
                })
                .await?;
                (cluster.connect_options(), Some(cluster))
            }
        };
        let database = Database {
            pool: PgPoolOptions::new()
                .max_connections(20)
                .acquire_timeout(Duration::from_secs(10))
                .connect_lazy_with(options.log_slow_statements(
                    tracing::log::LevelFilter::Warn,
                    Duration::from_millis(500),
                )),
            embedded,
        };
        if let Err(error) = database.prepare(settings).await {
            database.close().await;
            return Err(error);
        }
        Ok(database)
    }

    async fn prepare(&self, settings: &Settings) -> Result<(), StartError> {
        MIGRATOR.run(&self.pool).await?;
        if settings.demo_data {
            let today = settings.clock.today_in_rome();
            let loaded = app::demo::load_if_empty(&self.pool, today)
                .await
                .map_err(|e| StartError::Demo(e.to_string()))?;
            if loaded {
                tracing::info!("demo data loaded");
            }
        }
        if app::demo::accounts_present(&self.pool).await? {
            tracing::warn!(
                "DEMO ACCOUNTS EXIST in this database: anyone who reads the README can log in \
                 to them. Never let families use this instance."
            );
        }
        Ok(())
    }

    /// Closes the pool, then stops the private cluster if there is one.
    pub async fn close(self) {
        self.pool.close().await;
        if let Some(cluster) = self.embedded {
            cluster.stop().await;
        }
    }
}

/// The migrations of `migrations/`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// The Leptos options for the bundle cargo-leptos builds (`name = "ancora"` in Cargo.toml).
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("ancora")
        .site_root(settings.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.site_addr)
        // cargo-leptos writes `hash.txt` next to the server binary when it names the bundle's
        // files after their content (`hash-files`); Leptos then links the hashed names.
        .hash_files(bundle_is_hashed())
        .env(if settings.production {
            leptos::config::Env::PROD
        } else {
            leptos::config::Env::DEV
        })
        .build()
}

/// Whether cargo-leptos left a `hash.txt` beside this binary (a build with `hash-files`).
fn bundle_is_hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.is_file())
}

/// The whole HTTP application: pages, server functions and static files.
pub fn build_app(settings: &Settings, pool: PgPool) -> Router {
    let leptos_options = leptos_options(settings);
    let state = AppState {
        pool,
        leptos_options: leptos_options.clone(),
        public_url: settings.public_url.clone(),
        secure_cookies: settings.public_url.starts_with("https://"),
        legal: settings.legal.clone(),
        clock: settings.clock,
    };
    let site = security::Site::from_public_url(&settings.public_url);
    let routes = generate_route_list(app::App);
    Router::new()
        .route(
            "/lingua/{code}",
            axum::routing::get(app::shared::lang::switch_language),
        )
        .route(
            "/le-mie-prenotazioni/{booking}/calendario.ics",
            axum::routing::get(app::booking::ics::booking_ics),
        )
        .route(
            "/calendario/{token}/prenotazioni.ics",
            axum::routing::get(app::booking::ics::feed_ics),
        )
        .route(
            "/i-miei-percorsi/appuntamenti/{appointment}/appuntamento.ics",
            axum::routing::get(app::family_cases::download::appointment_ics),
        )
        .route(
            "/famiglia/i-miei-dati.json",
            axum::routing::get(app::privacy::download::household_json),
        )
        // `{id}` as the register's pages name it: one router, one name per segment.
        .route(
            "/gestione/registro/{id}/registro.csv",
            axum::routing::get(app::register::download::register_csv),
        )
        .route(
            "/coordinamento/report.csv",
            axum::routing::get(app::reports::download::report_csv),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || {
                    provide_context(state.clone());
                    provide_context(state.clock);
                    security::provide_page_nonce();
                }
            },
            {
                let options = leptos_options.clone();
                move || app::shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            app::shell,
        ))
        .layer(axum::middleware::from_fn(
            app::shared::form_echo::server_fn_error_status,
        ))
        .layer(axum::middleware::from_fn(security::refuse_nul))
        .layer(RequestBodyLimitLayer::new(security::BODY_LIMIT_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            security::TrustedProxies(std::sync::Arc::new(settings.trusted_proxies.clone())),
            security::client_address,
        ))
        .layer(axum::middleware::from_fn_with_state(
            site.clone(),
            security::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn(reject_undecodable_path))
        .layer(axum::middleware::from_fn(cache_static_files))
        .layer(axum::middleware::from_fn_with_state(
            site,
            security::security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            security::REQUEST_TIMEOUT,
        ))
        // Last line of defence: a bug that panics answers 500 instead of dropping the connection.
        .layer(CatchPanicLayer::new())
        .with_state(state)
}

/// The outbox worker's task and the switch that stops it.
struct OutboxWorker {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl OutboxWorker {
    /// How long the worker may take to finish the batch in hand on shutdown.
    const STOP_TIMEOUT: Duration = Duration::from_secs(30);

    /// Spawns the worker when there is a mailer (SMTP configured); without one, messages stay
    /// pending in the outbox.
    fn spawn(pool: PgPool, mailer: Option<AnyMailer>) -> Option<Self> {
        let Some(mailer) = mailer else {
            tracing::info!("ANCORA_SMTP_URL is not set: e-mails stay unsent in the outbox");
            return None;
        };
        let (stop, stopped) = oneshot::channel();
        let shutdown = async {
            let _ = stopped.await;
        };
        let task = tokio::spawn(run_worker(pool, mailer, WorkerOptions::default(), shutdown));
        Some(OutboxWorker { stop, task })
    }

    /// Lets the worker finish the batch in hand, then ends it. If that takes too long, the task
    /// is aborted: the message being sent stays pending and may be sent again later, with the
    /// same `Message-ID`.
    async fn stop(mut self) {
        let _ = self.stop.send(());
        if tokio::time::timeout(Self::STOP_TIMEOUT, &mut self.task)
            .await
            .is_err()
        {
            tracing::warn!("the outbox worker did not stop in time; aborted");
            self.task.abort();
        }
    }
}

/// Starts everything and serves until SIGINT or SIGTERM; then stops the web server and the
/// outbox worker first and the database last.
pub async fn run(settings: Settings) -> Result<(), StartError> {
    // Before the database, so that a mail error leaves nothing to clean up.
    let mailer = match (&settings.smtp_url, &settings.mail_dir) {
        (Some(url), _) => Some(AnyMailer::Smtp(SmtpMailer::new(url, &settings.mail_from)?)),
        (None, Some(dir)) => {
            tracing::warn!(
                dir = %dir.display(),
                "ANCORA_MAIL_DIR: e-mails are written to files, not sent (development only)"
            );
            Some(AnyMailer::Folder(FolderMailer::new(dir.clone()).map_err(
                |error| MailConfigError::MailDir(error.to_string()),
            )?))
        }
        (None, None) => None,
    };
    let database = Database::open(&settings).await?;
    let listener = match tokio::net::TcpListener::bind(settings.site_addr).await {
        Ok(listener) => no_delay(listener),
        Err(source) => {
            database.close().await;
            return Err(StartError::Listen {
                addr: settings.site_addr,
                source,
            });
        }
    };
    let app = build_app(&settings, database.pool.clone());
    let outbox_worker = OutboxWorker::spawn(database.pool.clone(), mailer);
    let reminders = tokio::spawn(write_reminders(database.pool.clone(), settings.clock));
    let retention = tokio::spawn(purge_expired_data(database.pool.clone()));
    tracing::info!("Àncora listening on http://{}", settings.site_addr);
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    reminders.abort();
    retention.abort();
    if let Some(worker) = outbox_worker {
        worker.stop().await;
    }
    database.close().await;
    served.map_err(|source| StartError::Listen {
        addr: settings.site_addr,
        source,
    })
}

/// Turns Nagle's algorithm off on every accepted connection (`TCP_NODELAY`). A response written
/// in several pieces (headers, then body chunks) otherwise waits for the browser's delayed ACK
/// before its last small segment leaves: 20–40 ms per request on a kept-alive connection.
pub fn no_delay(
    listener: tokio::net::TcpListener,
) -> axum::serve::TapIo<tokio::net::TcpListener, fn(&mut tokio::net::TcpStream)> {
    use axum::serve::ListenerExt;
    fn set_nodelay(stream: &mut tokio::net::TcpStream) {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::warn!(%error, "cannot set TCP_NODELAY");
        }
    }
    listener.tap_io(set_nodelay as fn(&mut tokio::net::TcpStream))
}

/// Writes the day-before reminders to the outbox now and then (each at most once, whatever the
/// number of instances). Aborted on shutdown: each run is one short pass.
async fn write_reminders(pool: PgPool, clock: app::shared::clock::Clock) {
    let mut tick = tokio::time::interval(app::messages::reminders::INTERVAL);
    loop {
        tick.tick().await;
        match app::messages::reminders::enqueue_due(&pool, clock.now()).await {
            Ok(0) => {}
            Ok(written) => tracing::info!(written, "reminders written to the outbox"),
            Err(error) => tracing::warn!(%error, "cannot write reminders"),
        }
    }
}

/// Removes what is kept only for a while (see `app::privacy::retention`), every hour. Every
/// instance runs it; an advisory lock lets one at a time do the work. Aborted on shutdown: the
/// run in hand is one transaction, rolled back if cut short.
async fn purge_expired_data(pool: PgPool) {
    let mut tick = tokio::time::interval(app::privacy::retention::INTERVAL);
    loop {
        tick.tick().await;
        match app::privacy::retention::purge_expired(&pool, chrono::Utc::now()).await {
            Ok(Some(purged)) if purged.total() > 0 => tracing::info!(
                login_attempts = purged.login_attempts,
                password_resets = purged.password_resets,
                sessions = purged.sessions,
                message_bodies = purged.message_bodies,
                unconfirmed_sign_ups = purged.unconfirmed_sign_ups,
                rate_events = purged.rate_events,
                "expired data removed"
            ),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot remove expired data"),
        }
    }
}

/// Answers 400 to a path whose percent-escapes do not decode to UTF-8 (`/%ff`): the router
/// cannot read such a path, and no page has one.
async fn reject_undecodable_path(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if percent_decodes_to_utf8(request.uri().path()) {
        next.run(request).await
    } else {
        (
            axum::http::StatusCode::BAD_REQUEST,
            "Bad request: invalid path",
        )
            .into_response()
    }
}

/// How long browsers keep the static files. The bundle under `/pkg/` has the hash of its
/// content in its name (cargo-leptos `hash-files`): a new build gets new names, so a browser may
/// keep it for a year without asking again. Other files (fonts, icons) keep their names: a day,
/// then the browser revalidates (`Last-Modified`).
const CACHE_HASHED: &str = "public, max-age=31536000, immutable";
const CACHE_STATIC: &str = "public, max-age=86400";

async fn cache_static_files(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    let policy = if path.starts_with("/pkg/") && is_hashed_file_name(path) {
        Some(CACHE_HASHED)
    } else if path.starts_with("/pkg/")
        || path.starts_with("/bootstrap-italia/")
        || path == "/favicon.svg"
    {
        Some(CACHE_STATIC)
    } else {
        None
    };
    let mut response = next.run(request).await;
    if let Some(policy) = policy {
        if response.status().is_success() {
            response.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static(policy),
            );
        }
    }
    response
}

/// `ancora.<hash>.wasm`: a name that carries the hash of the file's content.
fn is_hashed_file_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.split('.');
    parts.next().is_some()
        && parts.next().is_some_and(|hash| {
            hash.len() >= 16
                && hash
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        && parts.next().is_some()
}

fn percent_decodes_to_utf8(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                decoded.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut terminate = signal(SignalKind::terminate()).expect("SIGTERM handler");
    let mut interrupt = signal(SignalKind::interrupt()).expect("SIGINT handler");
    tokio::select! {
        _ = terminate.recv() => {},
        _ = interrupt.recv() => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_hashed_bundle_names_are_immutable() {
        assert!(super::is_hashed_file_name(
            "/pkg/ancora.Zx3kP0aQ9r_Lm2VbN8wT1g.wasm"
        ));
        assert!(super::is_hashed_file_name(
            "/pkg/ancora.Zx3kP0aQ9r_Lm2VbN8wT1g.wasm.br"
        ));
        assert!(!super::is_hashed_file_name("/pkg/ancora.wasm"));
        assert!(!super::is_hashed_file_name("/pkg/ancora_bg.wasm"));
        assert!(!super::is_hashed_file_name("/pkg/ancora.css"));
    }

    #[test]
    fn paths_must_decode_to_utf8() {
        assert!(super::percent_decodes_to_utf8(
            "/poli/ancora/servizi/spazio-neutro"
        ));
        assert!(super::percent_decodes_to_utf8("/caff%C3%A8"));
        assert!(super::percent_decodes_to_utf8("/100%"));
        assert!(!super::percent_decodes_to_utf8("/%ff"));
        assert!(!super::percent_decodes_to_utf8("/poli/%C3"));
    }
}
