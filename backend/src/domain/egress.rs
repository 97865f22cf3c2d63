//! Where the server may connect to other systems (a customer's PBX today,
//! webhooks next). Staff choose those addresses and the server fetches them,
//! so unchecked it would reach for them what only the server can: the
//! cloud's metadata service, the database, admin ports on loopback (SSRF).
//! Unless the operator allows private networks
//! (`SWITCHBOARD_ALLOW_PRIVATE_EGRESS`, for a PBX on the server's own
//! network), only public addresses are reached: checked before the first
//! request, with a clear refusal, and again by the client's resolver at each
//! connection, so a name that turns private between the two is refused too.
//! Credentials never cross the internet in clear: plain `http://` reaches
//! only private addresses the operator allowed. Redirects are not followed,
//! proxy variables are ignored (a proxy would see the credentials and decide
//! the address), and answers are read up to a size.

use std::{
    net::{IpAddr, Ipv6Addr, SocketAddr},
    sync::Arc,
};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::Error;

/// The most an answer of another system (all the pages of one listing) may
/// hold; past it the answer is refused rather than read into memory.
pub const MAX_ANSWER_BYTES: usize = 32 << 20;

#[derive(Clone)]
pub struct Egress {
    /// For `https://`: public addresses only, or any when allowed.
    https: reqwest::Client,
    /// For `http://`: private addresses only, and only when allowed.
    plain: Option<reqwest::Client>,
}

impl Egress {
    pub fn new(allow_private: bool) -> Self {
        let client = |only: Option<Reach>| {
            let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).no_proxy();
            let builder = match only {
                Some(reach) => builder.dns_resolver(Arc::new(reach)),
                None => builder,
            };
            // Only fails without a TLS backend, which the build always has.
            builder.build().expect("the HTTP client builds")
        };
        if allow_private {
            Self { https: client(None), plain: Some(client(Some(Reach::Private))) }
        } else {
            Self { https: client(Some(Reach::Public)), plain: None }
        }
    }

    /// The client to reach `base_url` with, once its address may be reached:
    /// refused when it is, or resolves to, a private address that is not
    /// allowed, or when it is plain `http://` to a public one.
    pub async fn client_for(&self, base_url: &str) -> Result<reqwest::Client, Error> {
        let url = reqwest::Url::parse(base_url).map_err(|_| Error::PbxAddressRefused)?;
        let port = url.port_or_known_default().unwrap_or(443);
        let host = url.host_str().ok_or(Error::PbxAddressRefused)?;
        let addrs: Vec<IpAddr> = match host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            Ok(ip) => vec![ip],
            // A name that does not resolve is unreachable, told as such later.
            Err(_) => tokio::net::lookup_host((host, port))
                .await
                .map(|found| found.map(|a| a.ip()).collect())
                .unwrap_or_default(),
        };
        let public = addrs.iter().any(|ip| is_public(*ip));
        let private = addrs.iter().any(|ip| !is_public(*ip));
        match (url.scheme(), &self.plain) {
            ("https", Some(_)) => Ok(self.https.clone()),
            ("https", None) if !private => Ok(self.https.clone()),
            ("http", Some(plain)) if !public => Ok(plain.clone()),
            ("http", _) if !private || self.plain.is_some() => Err(Error::PbxInsecure),
            _ => Err(Error::PbxAddressRefused),
        }
    }
}

/// Why an answer could not be read.
pub enum ReadError {
    Failed(reqwest::Error),
    TooLarge,
}

/// Reads an answer's body, counting it against `budget` (bytes left).
pub async fn read_bounded(mut answer: reqwest::Response, budget: &mut usize) -> Result<Vec<u8>, ReadError> {
    if answer.content_length().is_some_and(|n| n > *budget as u64) {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = answer.chunk().await.map_err(ReadError::Failed)? {
        *budget = budget.checked_sub(chunk.len()).ok_or(ReadError::TooLarge)?;
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Which addresses a resolver hands out.
#[derive(Clone, Copy)]
enum Reach {
    Public,
    Private,
}

impl Resolve for Reach {
    fn resolve(&self, name: Name) -> Resolving {
        let want_public = matches!(self, Self::Public);
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let kept: Vec<SocketAddr> = found.filter(|a| is_public(a.ip()) == want_public).collect();
            if kept.is_empty() {
                return Err("the name has no address that may be reached".into());
            }
            Ok(Box::new(kept.into_iter()) as Addrs)
        })
    }
}

/// An address on the public internet: not private, loopback, link-local,
/// shared (CGNAT), reserved, documentation or benchmarking space, and not a
/// translation (NAT64, 6to4, Teredo) that could lead to one. Written out
/// because std's `IpAddr::is_global` is not stable yet.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                // Carrier-grade NAT, 100.64.0.0/10.
                || (a == 100 && (64..128).contains(&b))
                // IETF protocol assignments, 192.0.0.0/24; the 6to4 relay anycast, 192.88.99.0/24.
                || (a, b, c) == (192, 0, 0)
                || (a, b, c) == (192, 88, 99)
                // Benchmarking, 198.18.0.0/15.
                || (a == 198 && (18..20).contains(&b))
                // Reserved, 240.0.0.0/4 (the broadcast address included).
                || a >= 240)
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(v4.into()),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v6(v6: Ipv6Addr) -> bool {
    let s = v6.segments();
    // Only 2000::/3 is global unicast; within it, these lead elsewhere or nowhere.
    (s[0] & 0xe000) == 0x2000
        && !(
            // 6to4, 2002::/16.
            s[0] == 0x2002
            // Teredo 2001::/32, benchmarking 2001:2::/48, ORCHID 2001:10::/28 and 2001:20::/28,
            // documentation 2001:db8::/32.
            || (s[0] == 0x2001 && (s[1] == 0 || s[1] == 2 || (s[1] & 0xffe0) == 0x0020 || (s[1] & 0xfff0) == 0x0010 || s[1] == 0x0db8))
            // Documentation, 3fff::/20.
            || (s[0] == 0x3fff && s[1] < 0x1000)
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "192.0.0.8",
            "198.18.0.1",
            "240.0.0.1",
            "64:ff9b::a00:1",
            "64:ff9b:1::1",
            "2002:a00:1::1",
            "2001:0:4136:e378::1",
            "2001:db8::1",
            "100::1",
            "::a00:1",
            "fec0::1",
            "ff02::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "1.1.1.1", "100.128.0.1", "2a00:1450:4007::1", "::ffff:8.8.8.8"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn private_addresses_are_refused_unless_allowed_and_plain_http_only_reaches_them() {
        let strict = Egress::new(false);
        for url in ["http://127.0.0.1:8000", "http://[::1]/", "https://localhost/kazoo", "https://169.254.169.254"] {
            assert!(matches!(strict.client_for(url).await, Err(Error::PbxAddressRefused)), "{url}");
        }
        assert!(strict.client_for("https://8.8.8.8/").await.is_ok());
        assert!(matches!(strict.client_for("http://8.8.8.8/").await, Err(Error::PbxInsecure)));
        let allowing = Egress::new(true);
        assert!(allowing.client_for("http://127.0.0.1:8000").await.is_ok());
        assert!(allowing.client_for("https://10.0.0.1").await.is_ok());
        assert!(allowing.client_for("https://8.8.8.8/").await.is_ok());
        assert!(matches!(allowing.client_for("http://8.8.8.8/").await, Err(Error::PbxInsecure)));
    }
}
