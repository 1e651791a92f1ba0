//! Two writers: an edit or agreement on a stale revision is refused, naming who changed it.

use pooled_store::{Revision, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::plans::set;
use pooled_testkit::store::{code, workspace_with};
use serde_json::json;

use crate::{FIXED, signoffs};

#[test]
fn an_edit_on_a_stale_revision_is_refused_naming_who_changed_it() {
    let dir = TempDir::new("two-writers");
    let (mut first, id) = workspace_with(&dir, FIXED, "Alice Moreno");
    let mut second = Workspace::open(first.path(), "Bob Lindqvist").unwrap();

    let seen_by_first = first.scenario(id).unwrap().revision;
    let seen_by_second = second.scenario(id).unwrap().revision;
    assert_eq!((seen_by_first, seen_by_second), (Revision(0), Revision(0)));

    assert_eq!(
        first
            .edit(
                id,
                seen_by_first,
                &[set("schemes[0].forecast", "5000000.01")],
                Some("M6")
            )
            .unwrap(),
        Revision(1)
    );
    let err = second
        .edit(
            id,
            seen_by_second,
            &[set("schemes[0].forecast", "4990000.00")],
            Some("stale"),
        )
        .unwrap_err();
    assert_eq!(err.code(), "S-CONFLICT");
    let message = err.to_string();
    assert!(message.contains("Alice Moreno"), "{message}");
    assert!(
        message.contains("revision 0") && message.contains("revision 1"),
        "{message}"
    );
    assert!(message.contains("Nothing was saved"), "{message}");

    // The first writer's edit is intact, seen from both handles.
    for ws in [&first, &second] {
        let changes = ws.changes(id).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].author.as_str(), changes[0].after.clone()),
            ("Alice Moreno", Some(json!("5000000.01")))
        );
        assert_eq!(
            ws.scenario(id).unwrap().document.schemes[0]
                .forecast
                .as_ref()
                .unwrap()
                .as_str(),
            "5000000.01"
        );
    }
    // Agreeing on the stale copy is refused too.
    assert_eq!(
        code(second.agree(id, seen_by_second, &signoffs())),
        "S-CONFLICT"
    );

    let reloaded = second.scenario(id).unwrap().revision;
    assert_eq!(
        second
            .edit(
                id,
                reloaded,
                &[set("schemes[0].forecast", "4990000.00")],
                Some("after reload")
            )
            .unwrap(),
        Revision(2)
    );
    let changes = first.changes(id).unwrap();
    assert_eq!(
        changes
            .iter()
            .map(|c| c.author.as_str())
            .collect::<Vec<_>>(),
        ["Alice Moreno", "Bob Lindqvist"]
    );
    assert_eq!(changes[1].before, Some(json!("5000000.01")));
    assert_eq!(first.scenario(id).unwrap().revision, Revision(2));
    let err = first
        .edit(id, Revision(1), &[set("schemes[1].forecast", "1.00")], None)
        .unwrap_err();
    assert!(err.to_string().contains("Bob Lindqvist"), "{err}");
    assert!(first.verify().unwrap().is_intact());
}
