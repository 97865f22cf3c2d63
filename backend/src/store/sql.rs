//! Statements built from parts: each value bound gives its own `$n`, so
//! nothing numbers placeholders by hand and no client text is spliced in.

use sqlx::{
    any::AnyArguments,
    query::{Query, QueryAs, QueryScalar},
    Any,
};

/// The values of a statement being built, in placeholder order.
#[derive(Default)]
pub struct Args(Vec<String>);

impl Args {
    /// Binds a value; returns its placeholder.
    pub fn bind(&mut self, value: impl AsRef<str>) -> String {
        self.0.push(value.as_ref().to_owned());
        format!("${}", self.0.len())
    }

    /// Binds a value that may be absent: its placeholder, or `NULL`.
    pub fn nullable(&mut self, value: Option<impl AsRef<str>>) -> String {
        value.map_or_else(|| "NULL".to_owned(), |v| self.bind(v))
    }

    /// Binds each value; returns their placeholders separated by commas (for `IN (…)`).
    pub fn list<S: AsRef<str>>(&mut self, values: &[S]) -> String {
        values.iter().map(|v| self.bind(v.as_ref())).collect::<Vec<_>>().join(", ")
    }

    pub fn query<'q>(&'q self, sql: &'q str) -> Query<'q, Any, AnyArguments<'q>> {
        self.0.iter().fold(sqlx::query(sql), |q, a| q.bind(a))
    }

    pub fn query_as<'q, O>(&'q self, sql: &'q str) -> QueryAs<'q, Any, O, AnyArguments<'q>>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        self.0.iter().fold(sqlx::query_as(sql), |q, a| q.bind(a))
    }

    pub fn query_scalar<'q, O>(&'q self, sql: &'q str) -> QueryScalar<'q, Any, O, AnyArguments<'q>>
    where
        (O,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        self.0.iter().fold(sqlx::query_scalar(sql), |q, a| q.bind(a))
    }
}

#[cfg(test)]
mod tests {
    use super::Args;

    #[test]
    fn placeholders_follow_the_values_bound() {
        let mut args = Args::default();
        assert_eq!(args.bind("t1"), "$1");
        assert_eq!(args.list(&["a", "b"]), "$2, $3");
        assert_eq!(args.bind("x"), "$4");
        assert_eq!(args.nullable(None::<&str>), "NULL");
        assert_eq!(args.nullable(Some("y")), "$5");
    }
}
