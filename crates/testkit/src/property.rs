//! Property tests on a recorded seed: every run prints the seed it used, and the same seed
//! replays the same cases.

use std::sync::OnceLock;

use proptest::test_runner::{Config, RngSeed};

/// The environment variable that chooses the seed: a whole number, or `random` for a new one.
pub const PROPERTY_SEED_VAR: &str = "POOLED_PROPERTY_SEED";

/// The seed used when `POOLED_PROPERTY_SEED` is not set, so that an ordinary run is repeatable.
pub const DEFAULT_PROPERTY_SEED: u64 = 20_251_014;

/// The seed of this run: `POOLED_PROPERTY_SEED` if set (a number, or `random` for a fresh one,
/// drawn once per test binary), else [`DEFAULT_PROPERTY_SEED`].
pub fn property_seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    *SEED.get_or_init(|| match std::env::var(PROPERTY_SEED_VAR) {
        Err(_) => DEFAULT_PROPERTY_SEED,
        Ok(text) if text.trim().eq_ignore_ascii_case("random") => fresh_seed(),
        Ok(text) => text.trim().parse().unwrap_or_else(|_| {
            panic!("{PROPERTY_SEED_VAR} is '{text}': give a whole number, or random")
        }),
    })
}

/// A proptest configuration of `cases` cases on [`property_seed`], with no failure files; it
/// prints `POOLED_PROPERTY_SEED=<seed>`, which cargo shows beside a failing test: run again
/// with that variable set to replay the failure exactly.
pub fn property_config(cases: u32) -> Config {
    let seed = property_seed();
    eprintln!("{PROPERTY_SEED_VAR}={seed}");
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

/// A seed nobody chose: the standard library's per-process random hasher keys, and the time.
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(now);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_runs_the_cases_asked_for_on_a_fixed_seed() {
        let config = property_config(7);
        assert_eq!(config.cases, 7);
        assert_eq!(config.rng_seed, RngSeed::Fixed(property_seed()));
        assert!(config.failure_persistence.is_none());
        assert_eq!(property_seed(), property_seed(), "one seed per run");
    }
}
