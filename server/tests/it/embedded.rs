//! The one-command start: with no DATABASE_URL the server runs its own PostgreSQL under a data
//! folder, keeps the data across restarts, and leaves no database process behind when stopped,
//! even after `kill -9`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(data: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .env_remove("DATABASE_URL")
        .env("ANCORA_PG_DATA_DIR", data)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// GETs `/` until the server answers, returning the page.
fn wait_for_home(server: &mut Child, port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(server.try_wait().unwrap().is_none(), "the server exited");
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            write!(
                stream,
                "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut page = String::new();
            if stream.read_to_string(&mut page).is_ok() && page.starts_with("HTTP/1.1 200") {
                return page;
            }
        }
        assert!(Instant::now() < deadline, "no answer in 120 s");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Processes whose command line mentions `data` (the cluster's postgres processes).
fn postgres_processes_of(data: &Path) -> Vec<String> {
    let needle = data.to_string_lossy().to_string();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains("postgres") && c.contains(&needle))
        .collect()
}

fn wait_until_gone(data: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !postgres_processes_of(data).is_empty() {
        assert!(
            Instant::now() < deadline,
            "postgres still running: {:?}",
            postgres_processes_of(data)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn interrupt(server: &mut Child) {
    unsafe { libc::kill(server.id() as i32, libc::SIGINT) };
    let status = server.wait().unwrap();
    assert!(status.success(), "clean exit on Ctrl-C: {status}");
}

fn count_meetings(page: &str) -> usize {
    page.matches("data-testid=\"meeting\"").count()
}

#[test]
fn the_embedded_database_survives_restarts_and_never_outlives_the_server() {
    let dir = tempfile::tempdir().unwrap();
    // Under root the cluster runs as an unprivileged user, who must be able to reach the folder.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("postgres");

    // First start: creates the cluster, migrates, loads the demo data.
    let port = free_port();
    let mut server = start(&data, port);
    let first = wait_for_home(&mut server, port);
    assert!(first.contains("Spazio Neutro"));
    assert!(count_meetings(&first) > 0, "demo meetings shown");
    assert!(data.join("PG_VERSION").exists());
    interrupt(&mut server);
    wait_until_gone(&data);

    // Second start: same data, nothing loaded twice.
    let port = free_port();
    let mut server = start(&data, port);
    let second = wait_for_home(&mut server, port);
    assert_eq!(count_meetings(&first), count_meetings(&second));

    // kill -9: the kernel tells postgres to stop; the next start is clean.
    unsafe { libc::kill(server.id() as i32, libc::SIGKILL) };
    server.wait().unwrap();
    wait_until_gone(&data);
    let port = free_port();
    let mut server = start(&data, port);
    let third = wait_for_home(&mut server, port);
    assert!(third.contains("Spazio Neutro"));
    interrupt(&mut server);
    wait_until_gone(&data);
}
