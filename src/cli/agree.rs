//! `pooled agree`: freezing a draft with its sign-offs.

use clap::Args;
use pooled_api::{ScenarioId, SignOff};

use super::workspace::WorkspaceOpts;
use super::{Outcome, done};

pub(super) const AGREE_HELP: &str = "Example:\n  pooled agree 2 \\\n    --sign \"Ann Lee;Pooled fund manager;Northbrook Council;2025-10-14\" \\\n    --sign \"Raj Patel;Chief finance officer;Northbrook ICB;2025-10-14\" \\\n    --sign \"Sue Moss;Section 151 officer;Northbrook Council;2025-10-15\"\n\n\
    Agrees the scenario at its current revision. Its document and outcome are frozen with their\n\
    SHA-256 and can never be changed; a version agreed earlier for the same plan becomes superseded.";

#[derive(Args)]
pub(super) struct AgreeArgs {
    /// The draft scenario to agree (see pooled list)
    scenario: ScenarioId,
    /// A sign-off, written "NAME;ROLE;ORGANISATION;YYYY-MM-DD" (repeat for each signatory)
    #[arg(
        long = "sign",
        value_name = "NAME;ROLE;ORGANISATION;DATE",
        required = true,
        value_parser = parse_signoff
    )]
    signoffs: Vec<SignOff>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

fn parse_signoff(text: &str) -> Result<SignOff, String> {
    match text.split(';').map(str::trim).collect::<Vec<_>>()[..] {
        [name, role, organisation, date] => Ok(SignOff {
            name: name.to_owned(),
            role: role.to_owned(),
            organisation: organisation.to_owned(),
            date: date.to_owned(),
        }),
        _ => Err(
            "write a sign-off as four parts separated by semicolons: \"NAME;ROLE;ORGANISATION;YYYY-MM-DD\""
                .to_owned(),
        ),
    }
}

pub(super) fn agree(args: &AgreeArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    let scenario = pooled_api::scenario(&workspace, args.scenario)?;
    let (agreed, superseded) = pooled_api::agree(
        &mut workspace,
        scenario.id,
        scenario.revision,
        &args.signoffs,
    )?;
    let mut text = format!(
        "Scenario {} \"{}\" is agreed at revision {} and can never be changed; branch it to work on.\n\
         Document SHA-256: {}\nOutcome SHA-256:  {}\nSigned off by:\n",
        scenario.id,
        scenario.name,
        scenario.revision,
        agreed.document_sha256,
        agreed.outcome_sha256
    );
    for s in &agreed.signoffs {
        text.push_str(&format!(
            "  {}, {}, {}, {}\n",
            s.name, s.role, s.organisation, s.date
        ));
    }
    for old in superseded {
        text.push_str(&format!(
            "Scenario {old}, agreed before, is now superseded.\n"
        ));
    }
    done(&text)
}

#[cfg(test)]
mod tests {
    use super::parse_signoff;

    #[test]
    fn signoffs_have_four_parts() {
        let s =
            parse_signoff("Ann Lee; Pooled fund manager ;Northbrook Council;2025-10-14").unwrap();
        assert_eq!(s.role, "Pooled fund manager");
        assert_eq!(s.date, "2025-10-14");
        assert!(parse_signoff("Ann Lee;Manager;2025-10-14").is_err());
    }
}
