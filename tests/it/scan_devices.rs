//! Small fake video devices on loopback addresses, for real `nmap` scans: what the tests of
//! `scan` import, and how `tests/fixtures/scans/*.xml` were made (see the README there).
//!
//! Each device answers with the bytes a real one sends first (the banners nmap's own service
//! probes know); nothing more. Ports below 1024 need root or `cap_net_bind_service`.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The camera (Hikvision banners), the recorder (TLS with a weak expired self-signed
/// certificate, Dahua's proprietary port) and the Axis camera (FTP banner with model and
/// firmware, a title with terminal escapes).
pub const CAMERA: &str = "127.0.0.2";
pub const RECORDER: &str = "127.0.0.3";
pub const AXIS: &str = "127.0.0.4";
/// The running devices; dropping it stops them.
pub struct Devices {
    tls: Option<Child>,
    /// Added to the ports below 1024 when they cannot be bound (not root): 10023 for telnet.
    pub offset: u16,
}

impl Devices {
    /// A device's port: the well-known one, or moved above 1024.
    pub fn port(&self, port: u16) -> u16 {
        if port < 1024 {
            port + self.offset
        } else {
            port
        }
    }

    /// The ports nmap is told to scan.
    pub fn ports(&self) -> String {
        [21, 23, 80, 443, 554, 8000, 37777]
            .map(|port| self.port(port).to_string())
            .join(",")
    }
}

impl Drop for Devices {
    fn drop(&mut self) {
        if let Some(child) = &mut self.tls {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What a device sends: first when a client connects, or in reply to its first request.
#[derive(Clone, Copy)]
enum Speaks {
    /// A greeting on connection (FTP, telnet).
    First(&'static [u8]),
    /// A reply to the request, `{cseq}` replaced with the request's CSeq (RTSP).
    Reply(&'static str),
    /// Accepts and closes (vendor SDK ports answer only their own protocol).
    Silent,
}

const HIKVISION_HTTP: &str = "HTTP/1.0 200 OK\r\nDate: Tue, 03 Feb 2026 10:00:00 GMT\r\nServer: App-webs/\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><head><title>Document Error: Unauthorized</title></head><body>Access denied</body></html>";
const HIKVISION_RTSP: &str = "RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Digest realm=\"Hikvision\", nonce=\"0123456789abcdef0123456789abcdef\", stale=\"FALSE\"\r\nWWW-Authenticate: Basic realm=\"/\"\r\n\r\n";
const DAHUA_RTSP: &str = "RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Basic realm=\"device\"\r\nServer: Dahua Rtsp Server\r\nContent-Length: 0\r\n\r\n";
const TELNET: &[u8] = b"\xff\xfd\x01\xff\xfd\x1f\xff\xfb\x01\xff\xfb\x03\r\r\nCAM-012 login: ";
const AXIS_FTP: &[u8] = b"220 AXIS P1346 Network Camera 5.40.9.2 (Jan 13 2012) ready.\r\n";
/// A title and a server header with terminal escapes, as a hostile device could send.
const HOSTILE_HTTP: &str = "HTTP/1.1 200 OK\r\nServer: Boa/0.94.14rc21 \u{1b}]0;owned\u{7}\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><head><title>AXIS \u{1b}[2J\u{1b}[31mP1346\u{1b}[0m live view</title></head></html>";

/// Starts the devices, or `None` (saying why) when a port cannot be bound or `openssl` is
/// missing. Without the right to bind ports below 1024 (or with `VMSAUDIT_HIGH_PORTS` set),
/// those move above 10000.
pub fn start(fixtures: &str) -> Option<Devices> {
    let low_ok = std::env::var_os("VMSAUDIT_HIGH_PORTS").is_none()
        && TcpListener::bind((CAMERA, 23)).is_ok();
    let offset = if low_ok { 0 } else { 10_000 };
    let moved = |port: u16| if port < 1024 { port + offset } else { port };
    let plain: [(&str, u16, Speaks); 9] = [
        (CAMERA, 23, Speaks::First(TELNET)),
        (CAMERA, 80, Speaks::Reply(HIKVISION_HTTP)),
        (CAMERA, 554, Speaks::Reply(HIKVISION_RTSP)),
        (CAMERA, 8000, Speaks::Silent),
        (RECORDER, 554, Speaks::Reply(DAHUA_RTSP)),
        (RECORDER, 37777, Speaks::Silent),
        (AXIS, 21, Speaks::First(AXIS_FTP)),
        (AXIS, 80, Speaks::Reply(HOSTILE_HTTP)),
        (AXIS, 554, Speaks::Reply(DAHUA_RTSP)),
    ];
    for (address, port, speaks) in plain {
        let port = moved(port);
        let listener = match TcpListener::bind((address, port)) {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!("skipped: cannot listen on {address}:{port} ({error})");
                return None;
            }
        };
        std::thread::spawn(move || serve(listener, speaks));
    }
    let tls = Command::new("openssl")
        .args(["s_server", "-quiet", "-www", "-accept"])
        .arg(format!("{RECORDER}:{}", moved(443)))
        .args(["-cert", &format!("{fixtures}/weak-expired.pem")])
        .args(["-key", &format!("{fixtures}/weak-expired.key")])
        // The weak key is the point: Debian's default security level refuses it.
        .args(["-cipher", "DEFAULT@SECLEVEL=0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(tls) = tls else {
        eprintln!("skipped: openssl is not installed");
        return None;
    };
    let devices = Devices {
        tls: Some(tls),
        offset,
    };
    for _ in 0..50 {
        if TcpStream::connect((RECORDER, moved(443))).is_ok() {
            return Some(devices);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("skipped: openssl s_server did not start on {RECORDER}");
    None
}

fn serve(listener: TcpListener, speaks: Speaks) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        std::thread::spawn(move || answer(stream, speaks));
    }
}

fn answer(mut stream: TcpStream, speaks: Speaks) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    match speaks {
        Speaks::First(greeting) => {
            let _ = stream.write_all(greeting);
            let mut buffer = [0; 1024];
            let _ = stream.read(&mut buffer);
        }
        Speaks::Reply(reply) => {
            let mut request = Vec::new();
            let mut buffer = [0; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16_384 {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(read) => request.extend_from_slice(&buffer[..read]),
                }
            }
            if request.is_empty() {
                return;
            }
            let text = String::from_utf8_lossy(&request);
            let cseq = text
                .lines()
                .find_map(|line| line.strip_prefix("CSeq:"))
                .map_or("1", str::trim)
                .to_owned();
            let _ = stream.write_all(reply.replace("{cseq}", &cseq).as_bytes());
        }
        // Closed at once: nmap names the port `tcpwrapped` without waiting on its probes.
        Speaks::Silent => {}
    }
}

/// Runs the scan the README recommends on the devices, writing its XML to `out`.
pub fn nmap(devices: &Devices, out: &std::path::Path) -> bool {
    let status = Command::new("nmap")
        // `-T4 --version-light`: the devices answer at once, no need to wait for them.
        .args(["-sV", "-Pn", "-n", "-T4", "--version-light", "--script"])
        .arg("ssl-cert,ssl-enum-ciphers,http-title,http-server-header,rtsp-methods")
        .args(["-p", &devices.ports(), "-oX"])
        .arg(out)
        .args([CAMERA, RECORDER, AXIS])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    status.success()
}
