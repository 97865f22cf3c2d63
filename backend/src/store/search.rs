//! The users search index: the words of a user's name, e-mail, extension and
//! external id, so that each word of a search is an index range rather than a
//! scan of the tenant. A search word matches the start of a word (`nov` finds
//! "Jan Novak" and "novak@…"; several words must all match), ignoring case
//! and accents ("novakova" finds "Nováková").
//!
//! Words are folded to lower-case ASCII letters and digits (deunicode
//! transliterates other scripts too), because on those both databases order
//! text byte by byte whatever the collation, so a prefix is the range
//! `[prefix, next)` and uses the index on SQLite and PostgreSQL alike; a
//! `LIKE 'nov%'` would depend on SQLite's case pragma and PostgreSQL's collation.

use std::collections::BTreeSet;
use switchboard_shared::{TenantId, UserId};

use sqlx::AnyConnection;

use super::{sql::Args, Db};

/// Words are kept up to this many characters; longer search words are cut.
const MAX_WORD: usize = 32;
/// Words of a search beyond this many are ignored.
const MAX_SEARCH_WORDS: usize = 6;

/// Folded words: runs of ASCII letters and digits after transliteration.
fn words(text: &str) -> impl Iterator<Item = String> {
    let folded = deunicode::deunicode(text).to_ascii_lowercase();
    let words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w[..w.len().min(MAX_WORD)].to_owned())
        .collect();
    words.into_iter()
}

/// What is stored for a user whose searchable fields are `texts`.
pub fn stored_words(texts: &[&str]) -> BTreeSet<String> {
    texts.iter().flat_map(|t| words(t)).collect()
}

/// One word of a search: the stored words from `from` (inclusive) to
/// `until` (exclusive; none when no word can follow).
#[derive(Debug, PartialEq, Eq)]
pub struct WordRange {
    pub from: String,
    pub until: Option<String>,
}

/// The words of a search. Empty when `q` has no letters or digits: such a
/// search matches nobody.
pub fn search_words(q: &str) -> Vec<WordRange> {
    let mut prefixes: Vec<String> = Vec::new();
    for word in words(q) {
        if !prefixes.contains(&word) && prefixes.len() < MAX_SEARCH_WORDS {
            prefixes.push(word);
        }
    }
    prefixes.into_iter().map(|p| WordRange { until: after_prefix(&p), from: p }).collect()
}

/// The least word of `[0-9a-z]` above every word that starts with `prefix`:
/// the last character that can grow, grown ('9' grows to 'a').
fn after_prefix(prefix: &str) -> Option<String> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        match last {
            b'z' => continue,
            b'9' => bytes.push(b'a'),
            c => bytes.push(c + 1),
        }
        return String::from_utf8(bytes).ok();
    }
    None
}

/// (Re)indexes one user, in the transaction that writes them.
pub async fn index(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    user_id: &UserId,
    texts: &[&str],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_search WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    let words: Vec<String> = stored_words(texts).into_iter().collect();
    if words.is_empty() {
        return Ok(());
    }
    // A user has a handful of words: one statement, 2 + n parameters.
    let mut args = Args::default();
    let (tenant, user) = (args.bind(tenant_id), args.bind(user_id));
    let values = words.iter().map(|w| format!("({tenant}, {}, {user})", args.bind(w))).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO user_search (tenant_id, word, user_id) VALUES {values}");
    args.query(&sql).execute(&mut *conn).await?;
    Ok(())
}

/// Words per statement when indexing many users (see `users::insert_many`).
const WORDS_PER_STATEMENT: usize = 200;

/// Indexes users the index has never seen (new ones), many words per
/// statement.
pub async fn index_new(conn: &mut AnyConnection, users: &[(&TenantId, &UserId, [&str; 4])]) -> Result<(), sqlx::Error> {
    let words: Vec<(&TenantId, String, &UserId)> = users
        .iter()
        .flat_map(|(tenant, user, texts)| stored_words(texts).into_iter().map(move |w| (*tenant, w, *user)))
        .collect();
    for chunk in words.chunks(WORDS_PER_STATEMENT) {
        let mut args = Args::default();
        let rows: Vec<String> = chunk
            .iter()
            .map(|(tenant, word, user)| format!("({}, {}, {})", args.bind(tenant), args.bind(word), args.bind(user)))
            .collect();
        let sql = format!("INSERT INTO user_search (tenant_id, word, user_id) VALUES {}", rows.join(", "));
        args.query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Indexes the users the index does not know yet: those created before it
/// existed. Run at start; a no-op once every user is indexed.
pub async fn index_missing(db: &Db) -> Result<usize, sqlx::Error> {
    type Row = (UserId, TenantId, String, String, Option<String>, Option<String>);
    let missing: Vec<Row> = sqlx::query_as(
        "SELECT id, tenant_id, display_name, email, extension, external_id FROM users u \
         WHERE NOT EXISTS (SELECT 1 FROM user_search s WHERE s.user_id = u.id)",
    )
    .fetch_all(db)
    .await?;
    let mut tx = db.begin().await?;
    let mut tenants = BTreeSet::new();
    for (id, tenant, name, email, extension, external_id) in &missing {
        let texts = [name.as_str(), email, extension.as_deref().unwrap_or(""), external_id.as_deref().unwrap_or("")];
        index(&mut tx, tenant, id, &texts).await?;
        tenants.insert(tenant);
    }
    // Searches cached by other instances are stale now.
    for tenant in tenants {
        super::tenants::bump_generation(&mut tx, tenant).await?;
    }
    tx.commit().await?;
    Ok(missing.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(q: &str, texts: &[&str]) -> bool {
        let stored = stored_words(texts);
        let ranges = search_words(q);
        !ranges.is_empty()
            && ranges.iter().all(|r| stored.iter().any(|w| *w >= r.from && r.until.as_ref().is_none_or(|u| w < u)))
    }

    #[test]
    fn a_search_word_matches_the_start_of_any_word_of_any_field() {
        let jan = ["Jan Nováková", "jan.n@acme.example", "130", "HR-0042"];
        for q in ["jan", "NOV", "novakova", "Nováková", "acme", "13", "hr-0042", "0042", "jan nov", "nov jan"] {
            assert!(matches(q, &jan), "{q}");
        }
        for q in ["ovak", "jan.x", "131", "jan zed", "%", "@"] {
            assert!(!matches(q, &jan), "{q}");
        }
    }

    #[test]
    fn other_scripts_are_searchable_by_themselves_and_by_transliteration() {
        let ivan = ["Иван Петров", "ivan@acme.example", "", ""];
        assert!(matches("Петр", &ivan));
        assert!(matches("petrov", &ivan));
    }

    #[test]
    fn the_range_after_a_prefix_holds_exactly_its_words() {
        assert_eq!(after_prefix("nov").as_deref(), Some("now"));
        assert_eq!(after_prefix("ab9").as_deref(), Some("aba"));
        assert_eq!(after_prefix("abz").as_deref(), Some("ac"));
        assert_eq!(after_prefix("zz"), None);
        // Every [0-9a-z] word of up to three characters sorts inside its own
        // prefix's range and outside every other.
        let alphabet: Vec<char> = ('0'..='9').chain('a'..='z').collect();
        let mut all = Vec::new();
        for a in &alphabet {
            all.push(a.to_string());
            for b in &alphabet {
                all.push(format!("{a}{b}"));
                all.push(format!("{a}{b}z"));
            }
        }
        for p in ["a", "9", "z", "m9", "az", "zz"] {
            let r = WordRange { from: p.to_owned(), until: after_prefix(p) };
            for w in &all {
                let inside = *w >= r.from && r.until.as_ref().is_none_or(|u| w < u);
                assert_eq!(inside, w.starts_with(p), "{w} in {p}");
            }
        }
    }

    #[test]
    fn long_words_are_cut_alike_when_stored_and_searched() {
        let long = "a".repeat(40);
        assert!(matches(&long, &[&format!("{long}b")]));
        assert_eq!(stored_words(&[&long]).first().map(String::len), Some(MAX_WORD));
    }

    #[test]
    fn a_search_is_its_distinct_words_up_to_a_limit() {
        assert_eq!(search_words("  Novak, JAN novak ").len(), 2);
        assert!(search_words("%_ @").is_empty());
        assert_eq!(search_words("a b c d e f g h").len(), MAX_SEARCH_WORDS);
    }
}
