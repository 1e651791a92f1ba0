//! The workspace's numbers, each its own type so that a scenario id is never passed where a plan
//! id or a revision is meant. In the window's TypeScript each is a `number` under its own name.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! workspace_number {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
            ts_rs::TS,
        )]
        #[serde(transparent)]
        // A JavaScript number holds every id a workspace will reach exactly (up to 2^53).
        #[ts(type = "number")]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(text: &str) -> Result<$name, Self::Err> {
                text.parse().map($name)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<$name> {
                i64::column_result(value).map($name)
            }
        }
    };
}

workspace_number!(
    /// A plan in the workspace: `pooled list` shows it as "Plan 1".
    PlanId
);
workspace_number!(
    /// A scenario of a plan, what most commands take: `pooled show 2`.
    ScenarioId
);
workspace_number!(
    /// How many changes a scenario has had; an edit made on an older one is refused.
    Revision
);
workspace_number!(
    /// One recorded change to a draft.
    ChangeId
);
workspace_number!(
    /// An audit entry's place in the chain: 1, 2, 3…
    EntrySeq
);

impl Revision {
    /// The revision after this one.
    pub fn next(self) -> Revision {
        Revision(self.0 + 1)
    }
}
