//! Where the server may connect for a PBX. Staff choose the address and the
//! server fetches it, so unchecked it would reach for them what only the
//! server can: the cloud's metadata service, the database, admin ports on
//! loopback (SSRF). Unless the operator allows private networks
//! (`SWITCHBOARD_PBX_ALLOW_PRIVATE`, for a PBX on the server's own network),
//! only public addresses are reached: checked before the first request, with
//! a clear refusal, and again by the client's resolver at each connection, so
//! a name that turns private between the two is refused too. Redirects are
//! not followed.

use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::Error;

#[derive(Clone)]
pub struct Egress {
    pub http: reqwest::Client,
    allow_private: bool,
}

impl Egress {
    pub fn new(allow_private: bool) -> Self {
        let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        let builder = if allow_private { builder } else { builder.dns_resolver(Arc::new(PublicOnly)) };
        // Only fails without a TLS backend, which the build always has.
        let http = builder.build().expect("the HTTP client builds");
        Self { http, allow_private }
    }

    /// Refuses a PBX address that is, or resolves to, a private one.
    pub async fn check(&self, base_url: &str) -> Result<(), Error> {
        if self.allow_private {
            return Ok(());
        }
        let url = reqwest::Url::parse(base_url).map_err(|_| Error::PbxAddressRefused)?;
        let port = url.port_or_known_default().unwrap_or(443);
        let host = url.host_str().ok_or(Error::PbxAddressRefused)?;
        let addrs: Vec<IpAddr> = match host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            Ok(ip) => vec![ip],
            // A name that does not resolve is the PBX being unreachable, told as such later.
            Err(_) => match tokio::net::lookup_host((host, port)).await {
                Ok(found) => found.map(|a| a.ip()).collect(),
                Err(_) => return Ok(()),
            },
        };
        if addrs.into_iter().all(is_public) {
            Ok(())
        } else {
            Err(Error::PbxAddressRefused)
        }
    }
}

/// Resolves names to their public addresses only.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err("the name has no public address".into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// An address on the public internet. Written out because std's
/// `IpAddr::is_global` is not stable yet.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                // Carrier-grade NAT, 100.64.0.0/10.
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(v4.into()),
            None => {
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || v6.is_unique_local()
                    || v6.is_unicast_link_local())
            }
        },
    }
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
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "1.1.1.1", "100.128.0.1", "2a00:1450:4007::1", "::ffff:8.8.8.8"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn private_addresses_are_refused_unless_allowed() {
        let strict = Egress::new(false);
        for url in ["http://127.0.0.1:8000", "http://[::1]/", "https://localhost/kazoo", "http://169.254.169.254"] {
            assert!(matches!(strict.check(url).await, Err(Error::PbxAddressRefused)), "{url}");
        }
        assert!(strict.check("https://8.8.8.8/").await.is_ok());
        assert!(Egress::new(true).check("http://127.0.0.1:8000").await.is_ok());
    }
}
