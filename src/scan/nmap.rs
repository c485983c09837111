//! nmap's XML output (`-oX`, format 1.05 of nmap 7.x, see nmap's `docs/nmap.dtd`) read into
//! [`Run`]: hosts, their addresses and names, ports with the service nmap named and how
//! (probed or guessed from the port table), and the output of the scripts the recommended
//! command runs, `ssl-cert` and `ssl-enum-ciphers` read into their fields.
//!
//! The file may come from a client or a co-auditor: a DTD beyond nmap's bare
//! `<!DOCTYPE nmaprun>` and any entity declaration are refused before parsing (no external
//! entities, no entity expansion bombs), the size is bounded by the caller, and the text kept
//! is the device's: whoever shows it sanitises it.

use jiff::Timestamp;
use jiff::civil::DateTime;
use roxmltree::{Document, Node, ParsingOptions};

use crate::error::{Error, Position, Result, ScanFlaw};

/// One nmap run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub version: String,
    pub args: String,
    /// When the scan started: what "expired" is measured against.
    pub started: Option<Timestamp>,
    pub hosts: Vec<Host>,
}

/// A host nmap reported, up or not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Host {
    pub up: bool,
    /// IPv4 or IPv6 address.
    pub address: String,
    pub mac: Option<String>,
    /// The MAC address's vendor, from nmap's OUI table.
    pub mac_vendor: Option<String>,
    pub hostnames: Vec<String>,
    pub ports: Vec<Port>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Port {
    pub protocol: String,
    pub number: u16,
    /// `open`, `closed`, `filtered`, `open|filtered`...
    pub state: String,
    pub service: Option<Service>,
    pub scripts: Vec<Script>,
    pub certificate: Option<Certificate>,
    pub tls: Option<TlsSummary>,
}

impl Port {
    pub fn is_open(&self) -> bool {
        self.state == "open"
    }

    /// The service's name, `ssl/http` when nmap found it inside TLS.
    pub fn service_name(&self) -> String {
        match &self.service {
            Some(service) if service.tunnel.as_deref() == Some("ssl") => {
                format!("ssl/{}", service.name)
            }
            Some(service) => service.name.clone(),
            None => String::new(),
        }
    }

    pub fn script(&self, id: &str) -> Option<&Script> {
        self.scripts.iter().find(|script| script.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    pub name: String,
    pub product: Option<String>,
    pub version: Option<String>,
    pub extrainfo: Option<String>,
    pub devicetype: Option<String>,
    pub tunnel: Option<String>,
    /// nmap talked to the service and matched its answer; otherwise (`method="table"`) the
    /// name is a guess from the port number, and says nothing of the device.
    pub probed: bool,
    /// The answers nmap could not match, as its fingerprint (`\x20` escapes and all).
    pub fingerprint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Script {
    pub id: String,
    pub output: String,
}

/// What `ssl-cert` says of the certificate a TLS port presented.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Certificate {
    pub subject: String,
    pub issuer: String,
    /// The subject's organisation, where vendors put their name.
    pub organization: Option<String>,
    pub key_type: Option<String>,
    pub key_bits: Option<u32>,
    pub signature: Option<String>,
    pub not_before: Option<Timestamp>,
    pub not_after: Option<Timestamp>,
}

impl Certificate {
    pub fn self_signed(&self) -> bool {
        !self.subject.is_empty() && self.subject == self.issuer
    }
}

/// What `ssl-enum-ciphers` says: the protocol versions offered and the weakest grade.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TlsSummary {
    pub versions: Vec<String>,
    pub least_strength: Option<String>,
}

/// Reads nmap's XML output; `name` is how messages call the file.
pub fn parse(name: &str, text: &str) -> Result<Run> {
    refuse_declarations(name, text)?;
    let options = ParsingOptions {
        // nmap writes `<!DOCTYPE nmaprun>`, which roxmltree refuses unless DTDs are allowed;
        // `refuse_declarations` made sure that is all the DTD holds.
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|error| {
        let at = error.pos();
        if matches!(
            error,
            roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream
        ) {
            // roxmltree places these at the root; the file's end is where it was cut.
            let lines = text.lines().count() as u64;
            return Error::at(Position::new(name, lines.max(1), 0), ScanFlaw::Truncated);
        }
        Error::at(
            Position::new(name, u64::from(at.row), u64::from(at.col)),
            ScanFlaw::NotXml(error.to_string()),
        )
    })?;
    let root = document.root_element();
    let line = |node: Node| u64::from(document.text_pos_at(node.range().start).row);
    if root.tag_name().name() != "nmaprun" || root.attribute("scanner") != Some("nmap") {
        return Err(Error::at(
            Position::new(name, line(root), 0),
            ScanFlaw::NotNmap(root.tag_name().name().to_owned()),
        ));
    }
    let mut run = Run {
        version: root.attribute("version").unwrap_or_default().to_owned(),
        args: root.attribute("args").unwrap_or_default().to_owned(),
        started: root
            .attribute("start")
            .and_then(|start| start.parse::<i64>().ok())
            .and_then(|seconds| Timestamp::from_second(seconds).ok()),
        hosts: Vec::new(),
    };
    for node in root.children().filter(|node| node.has_tag_name("host")) {
        match host(node) {
            Some(host) => run.hosts.push(host),
            None => {
                return Err(Error::at(
                    Position::new(name, line(node), 0),
                    ScanFlaw::HostWithoutAddress,
                ));
            }
        }
    }
    if !root.children().any(|node| node.has_tag_name("runstats")) {
        return Err(Error::at(
            Position::new(name, line(root), 0),
            ScanFlaw::Interrupted,
        ));
    }
    Ok(run)
}

/// Refuses any DTD but nmap's bare `<!DOCTYPE nmaprun>`, and any entity declaration: nothing
/// nmap writes needs them, and they are how XML files attack their readers.
fn refuse_declarations(name: &str, text: &str) -> Result<()> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() as u64 + 1;
    if let Some(offset) = text.find("<!ENTITY") {
        return Err(Error::at(
            Position::new(name, line_of(offset), 0),
            ScanFlaw::Entities,
        ));
    }
    let mut rest = text;
    let mut base = 0;
    while let Some(offset) = rest.find("<!DOCTYPE") {
        let after = &rest[offset + "<!DOCTYPE".len()..];
        let declaration = after.split('>').next().unwrap_or(after);
        if declaration.trim() != "nmaprun" {
            return Err(Error::at(
                Position::new(name, line_of(base + offset), 0),
                ScanFlaw::OtherDoctype,
            ));
        }
        base += offset + "<!DOCTYPE".len();
        rest = &text[base..];
    }
    Ok(())
}

fn host(node: Node) -> Option<Host> {
    let mut host = Host {
        up: node
            .children()
            .find(|child| child.has_tag_name("status"))
            .and_then(|status| status.attribute("state"))
            == Some("up"),
        ..Host::default()
    };
    for address in node
        .children()
        .filter(|child| child.has_tag_name("address"))
    {
        let addr = address.attribute("addr").unwrap_or_default();
        match address.attribute("addrtype") {
            Some("ipv4" | "ipv6") if host.address.is_empty() => host.address = addr.to_owned(),
            Some("mac") => {
                host.mac = Some(addr.to_ascii_uppercase());
                host.mac_vendor = address.attribute("vendor").map(str::to_owned);
            }
            _ => {}
        }
    }
    if host.address.is_empty() {
        return None;
    }
    for names in node
        .children()
        .filter(|child| child.has_tag_name("hostnames"))
    {
        for name in names
            .children()
            .filter(|child| child.has_tag_name("hostname"))
        {
            if let Some(name) = name.attribute("name")
                && !host.hostnames.iter().any(|known| known == name)
            {
                host.hostnames.push(name.to_owned());
            }
        }
    }
    for ports in node.children().filter(|child| child.has_tag_name("ports")) {
        for port in ports.children().filter(|child| child.has_tag_name("port")) {
            if let Some(port) = read_port(port) {
                host.ports.push(port);
            }
        }
    }
    Some(host)
}

fn read_port(node: Node) -> Option<Port> {
    let attribute = |node: Node, name: &str| node.attribute(name).map(str::to_owned);
    let mut port = Port {
        protocol: attribute(node, "protocol").unwrap_or_default(),
        number: node.attribute("portid")?.parse().ok()?,
        ..Port::default()
    };
    for child in node.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "state" => port.state = attribute(child, "state").unwrap_or_default(),
            "service" => {
                port.service = Some(Service {
                    name: attribute(child, "name").unwrap_or_default(),
                    product: attribute(child, "product"),
                    version: attribute(child, "version"),
                    extrainfo: attribute(child, "extrainfo"),
                    devicetype: attribute(child, "devicetype"),
                    tunnel: attribute(child, "tunnel"),
                    probed: child.attribute("method") == Some("probed"),
                    fingerprint: attribute(child, "servicefp"),
                })
            }
            "script" => {
                let id = attribute(child, "id").unwrap_or_default();
                match id.as_str() {
                    "ssl-cert" => port.certificate = Some(certificate(child)),
                    "ssl-enum-ciphers" => port.tls = Some(tls(child)),
                    _ => {}
                }
                port.scripts.push(Script {
                    id,
                    output: attribute(child, "output").unwrap_or_default(),
                });
            }
            _ => {}
        }
    }
    Some(port)
}

/// The `<elem key="...">` and `<table key="...">` children of a script's output.
fn keyed<'a, 'i>(node: Node<'a, 'i>, tag: &str, key: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|child| child.has_tag_name(tag) && child.attribute("key") == Some(key))
}

fn elem(node: Node, key: &str) -> Option<String> {
    keyed(node, "elem", key).and_then(|elem| elem.text().map(str::to_owned))
}

/// `commonName=x/organizationName=y`, as nmap prints a name.
fn name_of(table: Option<Node>) -> String {
    let Some(table) = table else {
        return String::new();
    };
    table
        .children()
        .filter(|child| child.has_tag_name("elem"))
        .filter_map(|child| Some(format!("{}={}", child.attribute("key")?, child.text()?)))
        .collect::<Vec<_>>()
        .join("/")
}

fn certificate(script: Node) -> Certificate {
    let validity = keyed(script, "table", "validity");
    let date = |key: &str| {
        validity
            .and_then(|table| elem(table, key))
            .and_then(|text| parse_date(&text))
    };
    let pubkey = keyed(script, "table", "pubkey");
    Certificate {
        subject: name_of(keyed(script, "table", "subject")),
        issuer: name_of(keyed(script, "table", "issuer")),
        organization: keyed(script, "table", "subject")
            .and_then(|table| elem(table, "organizationName")),
        key_type: pubkey.and_then(|table| elem(table, "type")),
        key_bits: pubkey
            .and_then(|table| elem(table, "bits"))
            .and_then(|bits| bits.trim().parse().ok()),
        signature: elem(script, "sig_algo"),
        not_before: date("notBefore"),
        not_after: date("notAfter"),
    }
}

/// nmap writes certificate dates as `2025-01-01T00:00:00` (UTC, no zone), or with a zone.
fn parse_date(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    text.parse::<Timestamp>().ok().or_else(|| {
        // Checked as a civil time first, so that only a zone-less one gets `Z`.
        text.parse::<DateTime>().ok()?;
        format!("{text}Z").parse::<Timestamp>().ok()
    })
}

fn tls(script: Node) -> TlsSummary {
    let versions = script
        .children()
        .filter(|child| child.has_tag_name("table"))
        .filter_map(|child| child.attribute("key"))
        .filter(|key| key.starts_with("TLS") || key.starts_with("SSL"))
        .map(str::to_owned)
        .collect();
    TlsSummary {
        versions,
        least_strength: elem(script, "least strength"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEVICES: &str = include_str!("../../tests/fixtures/scans/devices.xml");

    #[test]
    fn a_real_scan_reads_into_hosts_ports_services_and_certificates() {
        let run = parse("devices.xml", DEVICES).unwrap();
        assert_eq!(run.version, "7.93");
        assert!(run.args.starts_with("nmap -sV"), "{}", run.args);
        assert!(run.started.is_some());
        let addresses: Vec<&str> = run.hosts.iter().map(|h| h.address.as_str()).collect();
        assert_eq!(addresses, ["127.0.0.2", "127.0.0.3", "127.0.0.4"]);
        let camera = &run.hosts[0];
        let telnet = camera.ports.iter().find(|p| p.number == 23).unwrap();
        assert!(telnet.is_open());
        assert_eq!(telnet.service_name(), "telnet");
        let http = camera.ports.iter().find(|p| p.number == 80).unwrap();
        let service = http.service.as_ref().unwrap();
        assert!(service.probed);
        assert_eq!(
            service.product.as_deref(),
            Some("Hikvision IP camera httpd")
        );
        assert_eq!(
            http.script("http-server-header").unwrap().output,
            "App-webs/"
        );
        let closed = camera.ports.iter().find(|p| p.number == 21).unwrap();
        assert!(!closed.is_open());
        assert!(
            !closed.service.as_ref().unwrap().probed,
            "a port-table guess"
        );

        let tls = run.hosts[1].ports.iter().find(|p| p.number == 443).unwrap();
        assert_eq!(tls.service_name(), "ssl/http");
        let cert = tls.certificate.as_ref().unwrap();
        assert!(cert.self_signed());
        assert_eq!(cert.key_bits, Some(1024));
        assert_eq!(cert.key_type.as_deref(), Some("rsa"));
        assert_eq!(cert.organization.as_deref(), Some("Hikvision"));
        assert_eq!(
            cert.not_after,
            Some("2025-01-01T00:00:00Z".parse().unwrap())
        );
    }

    fn refused(text: &str) -> String {
        parse("scan.xml", text).unwrap_err().to_string()
    }

    #[test]
    fn truncated_foreign_and_hostile_xml_is_refused_at_its_line() {
        let cut = &DEVICES[..DEVICES.len() / 2];
        let message = refused(cut);
        assert!(message.starts_with("scan.xml:"), "{message}");
        assert!(message.contains("not readable as XML"), "{message}");

        let message = refused("<?xml version=\"1.0\"?>\n<report>\n</report>\n");
        assert!(message.contains("scan.xml:2"), "{message}");
        assert!(message.contains("not nmap's XML output"), "{message}");

        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<nmaprun scanner=\"nmap\">&b;</nmaprun>";
        let message = refused(bomb);
        assert!(message.contains("scan.xml:3"), "{message}");
        assert!(message.contains("entities"), "{message}");

        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun SYSTEM \"file:///etc/passwd\">\n<nmaprun scanner=\"nmap\"/>";
        let message = refused(external);
        assert!(message.contains("scan.xml:2"), "{message}");
        assert!(message.contains("document type"), "{message}");

        // Complete XML, but nmap stopped before the end of its run.
        let unfinished = "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\" version=\"7.94\">\n<host><address addr=\"10.0.0.1\" addrtype=\"ipv4\"/></host>\n</nmaprun>\n";
        let message = refused(unfinished);
        assert!(message.contains("interrupted"), "{message}");
    }
}
