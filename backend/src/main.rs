use std::process::ExitCode;

use switchboard_backend::{
    auth,
    config::{Config, Seed},
    domain::{self, seed::Seeded},
    start, store,
};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("switchboard: {e}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("seed-users") => return seed_bulk(&config, &args[1..], Bulk::Users).await,
        Some("seed-customers") => return seed_bulk(&config, &args[1..], Bulk::Customers).await,
        Some("rotate-signing-key") => return rotate_signing_key(&config).await,
        _ => {}
    }
    tracing::info!(?config, "starting");
    let started = match start(&config).await {
        Ok(started) => started,
        Err(e) => {
            eprintln!("switchboard: {e}");
            return ExitCode::FAILURE;
        }
    };

    println!("\nSwitchboard is running at {}\n", started.public_url);
    match (&started.seeded, &config.seed) {
        (Some(Seeded::Admin { email, link_path }), _) => {
            println!("  A new platform: its administrator {email} sets a password at");
            println!("  {}{link_path}", started.public_url);
            println!(
                "\n  That link works once, for {} hours, and is shown only now.",
                store::password_links::ACTIVATION_TTL_HOURS
            );
        }
        (Some(Seeded::Demo(demo)), _) => {
            demo_accounts();
            if demo.generated {
                println!("  Password:        {}", demo.password);
                println!("\n  The password of every demo account; shown only now. Set SWITCHBOARD_DEMO_PASSWORD to choose it.");
            } else {
                println!("  Password:        the value of SWITCHBOARD_DEMO_PASSWORD");
            }
        }
        (None, Seed::Demo { .. }) => {
            demo_accounts();
            println!(
                "  Password:        the one printed when this database was created\n                   (delete {} to start afresh with new demo data)",
                switchboard_backend::config::redact_url(&config.database_url)
            );
        }
        (None, Seed::Admin { .. }) => {}
    }
    println!();

    tokio::select! {
        result = started.server => match result {
            Ok(Ok(())) => ExitCode::SUCCESS,
            Ok(Err(e)) => { eprintln!("switchboard: {e}"); ExitCode::FAILURE }
            Err(e) => { eprintln!("switchboard: {e}"); ExitCode::FAILURE }
        },
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}

fn demo_accounts() {
    println!("  Customer admin:  admin@acme.example   (also admin@globex.example)");
    println!("  Reseller staff:  staff@northwind.example");
}

/// What a `seed-…` command adds, for benchmarks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bulk {
    /// `switchboard seed-users "<customer name>" <count>`
    Users,
    /// `switchboard seed-customers "<reseller name>" <count> [users each]`
    Customers,
}

async fn seed_bulk(config: &Config, args: &[String], bulk: Bulk) -> ExitCode {
    let (command, parent, what) = match bulk {
        Bulk::Users => ("seed-users", "customer", "users"),
        Bulk::Customers => ("seed-customers", "reseller", "customers"),
    };
    let each = match (bulk, args.get(2)) {
        (Bulk::Customers, Some(each)) => each.parse::<usize>().ok(),
        (_, None) => Some(0),
        (Bulk::Users, Some(_)) => None,
    };
    let (Some(name), Some(Ok(count)), Some(each)) = (args.first(), args.get(1).map(|c| c.parse::<usize>()), each)
    else {
        let more = if bulk == Bulk::Customers { " [users each]" } else { "" };
        eprintln!("usage: switchboard {command} \"<{parent} name>\" <count>{more}");
        return ExitCode::FAILURE;
    };
    let result = async {
        let db = store::connect(&config.database_url).await.map_err(|e| e.to_string())?;
        let hasher = auth::password::Hasher::new(config.password_hashing);
        domain::seed::if_empty(&db, &hasher, &config.seed).await.map_err(|e| e.to_string())?;
        let added = match bulk {
            Bulk::Users => store::seed::bulk_users(&db, name, count).await,
            Bulk::Customers => store::seed::bulk_customers(&db, name, count, each).await,
        };
        // Closing checkpoints SQLite's log into the database file.
        db.close().await;
        added.map_err(|e| e.to_string())?.ok_or_else(|| format!("no {parent} named {name:?}"))
    };
    match result.await {
        Ok(n) => {
            println!("added {n} {what} to {name}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("switchboard: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `switchboard rotate-signing-key`: new access tokens are signed with a new
/// key; tokens signed with the previous one stay valid until they expire.
async fn rotate_signing_key(config: &Config) -> ExitCode {
    let result = async {
        let db = store::connect(&config.database_url).await.map_err(|e| e.to_string())?;
        switchboard_backend::auth::tokens::JwtKeys::rotate(&db).await.map_err(|e| e.to_string())
    };
    match result.await {
        Ok(kid) => {
            println!("new signing key {kid}; running instances adopt it as they meet its tokens or restart");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("switchboard: {e}");
            ExitCode::FAILURE
        }
    }
}
