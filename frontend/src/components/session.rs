use leptos::prelude::*;
use switchboard_shared::SessionInfo;

use crate::i18n::{date_time, use_i18n};

/// One session as people recognise it: the browser and system, where and
/// when it was last used, and since when (the whole user agent on hover).
#[component]
pub fn SessionSummary(session: SessionInfo) -> impl IntoView {
    let i18n = use_i18n();
    let SessionInfo { user_agent, address, last_used_at, created_at, .. } = session;
    let device = user_agent.as_deref().and_then(browser_and_system);
    let used = move || {
        let args = [
            ("address", address.clone().unwrap_or_default().into()),
            ("when", date_time(i18n.lang(), &last_used_at).into()),
        ];
        i18n.tr_with("session-used", &args)
    };
    let since = move || i18n.tr_with("session-since", &[("when", date_time(i18n.lang(), &created_at).into())]);
    view! {
        <div>
            <strong title=user_agent.unwrap_or_default()>
                {move || device.clone().unwrap_or_else(|| i18n.tr("unknown-device"))}
            </strong>
            <span class="muted">{used}</span>
            <span class="muted">{since}</span>
        </div>
    }
}

/// "Firefox on Windows" from a user agent, as people know their devices;
/// `None` when neither part is recognised (the page then says so). The
/// order matters: Edge and Opera also say Chrome, Chrome also says Safari,
/// Android also says Linux, iOS also says Mac OS X.
fn browser_and_system(ua: &str) -> Option<String> {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(token, _)| ua.contains(token))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("CrOS", "ChromeOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| ua.contains(token))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => Some(format!("{b} · {s}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::browser_and_system;

    #[test]
    fn user_agents_read_as_browser_and_system() {
        let cases = [
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge · Windows"),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36", "Chrome · Linux"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari · macOS"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari · iOS"),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome · Android"),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox · Linux"),
            ("curl/8.5.0", ""),
        ];
        for (ua, expected) in cases {
            assert_eq!(browser_and_system(ua).unwrap_or_default(), expected, "{ua}");
        }
    }
}
