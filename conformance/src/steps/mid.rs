//! The Multiple-Identity Detector: links and their colours, manual verification, confirmation
//! files, visibility, notifications and notices, rectification, erasure.

use cucumber::{given, then, when};
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::{Actor, LinkChange, LinkEnd, List, Presence, Spelled, Spelling, labels};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::{ConformanceWorld, describe_links};
use crate::{ensure, fail};

/// The key under which a scenario keeps the SIN of the link joining `a` and `b`.
fn link_key(a: &str, b: &str) -> String {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    format!("link:{x}:{y}")
}

impl ConformanceWorld {
    /// The confirmation file of `link` as the observer who sees most of it reads it: the
    /// verifier first, then every observer (a white link is seen only with access to both
    /// systems, MID-12, so no single authority need see a whole group).
    async fn fullest_confirmation_file(
        &mut self,
        link: &LinkView,
    ) -> Result<IdentityConfirmationFile, Failure> {
        let mut readers = vec![ConformanceWorld::verifier_of(link)];
        readers.extend(self.observers());
        let mut best: Option<IdentityConfirmationFile> = None;
        let mut last_error = None;
        for reader in readers {
            let session = self.session(&reader)?;
            match session.identity_detector.confirmation_file(&link.sin).await {
                Ok(file) => {
                    if best.as_ref().is_none_or(|b| file.links.len() > b.links.len()) {
                        best = Some(file);
                    }
                }
                Err(e) => last_error = Some(e),
            }
        }
        match (best, last_error) {
            (Some(file), _) => Ok(file),
            (None, Some(e)) => Err(e.into()),
            (None, None) => fail!("nobody reads the confirmation file of link {}", link.sin),
        }
    }

    /// The link joining `a` and `b`, remembering its SIN.
    async fn link_joining(&mut self, a: &str, b: &str) -> Result<LinkView, Failure> {
        let link = self.the_link(a, b).await?;
        self.kept.insert(link_key(a, b), link.sin.as_str().to_string());
        Ok(link)
    }

    /// The SIN of the link joining `a` and `b`, found earlier or now.
    async fn sin_of(&mut self, a: &str, b: &str) -> Result<Sin, Failure> {
        if let Some(sin) = self.kept.get(&link_key(a, b)) {
            return Ok(Sin::new(sin.clone())?);
        }
        Ok(self.link_joining(a, b).await?.sin)
    }

    /// The role of an actor; "the responsible authority" is the verifier of the link joining
    /// `a` and `b`.
    async fn actor(&mut self, who: Actor, a: &str, b: &str) -> Result<Role, Failure> {
        match who {
            Actor::ResponsibleAuthority => {
                let link = self.link_joining(a, b).await?;
                Ok(ConformanceWorld::verifier_of(&link))
            }
            other => other.named(),
        }
    }
}

#[then(
    regex = r"^an? (white|yellow|green|red) link joins ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn link_of_colour(
    world: &mut ConformanceWorld,
    wanted: Spelled<LinkColour>,
    a: String,
    b: String,
) -> StepResult {
    link_is(world, a, b, wanted).await
}

#[then(
    regex = r"^the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) (?:is|becomes|stays) (white|yellow|green|red)$"
)]
async fn link_is(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    wanted: Spelled<LinkColour>,
) -> StepResult {
    let Spelled(wanted) = wanted;
    let link = world.link_joining(&a, &b).await?;
    ensure!(
        link.colour == wanted,
        "the link joining {a} and {b} is {:?}, the requirement makes it {:?} (link {}, basis {:?})",
        link.colour,
        wanted,
        link.sin,
        link.basis
    );
    Ok(())
}

#[then(regex = r"^no link joins ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$")]
async fn no_link(world: &mut ConformanceWorld, a: String, b: String) -> StepResult {
    if let Some(link) = world.link_between(&a, &b).await? {
        fail!(
            "a {:?} link ({}) joins {a} and {b}; the requirement allows none (basis {:?})",
            link.colour,
            link.sin,
            link.basis
        );
    }
    Ok(())
}

#[then(regex = r"^([A-Za-z][A-Za-z0-9]*) has no link$")]
async fn has_no_link(world: &mut ConformanceWorld, a: String) -> StepResult {
    let links = world.links_seen_by_anyone(&a).await?;
    ensure!(links.is_empty(), "{a} has links: {}", describe_links(&links));
    let outcome = world.record(&a)?.outcome.clone();
    if let Some(o) = outcome {
        ensure!(o.links.is_empty(), "the write of {a} reported links: {}", describe_links(&o.links));
    }
    Ok(())
}

#[then(regex = r"^the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) was erased$")]
#[then(regex = r"^the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) is erased$")]
async fn link_erased(world: &mut ConformanceWorld, a: String, b: String) -> StepResult {
    if let Some(link) = world.link_between(&a, &b).await? {
        fail!("the link joining {a} and {b} still exists ({:?} {})", link.colour, link.sin);
    }
    Ok(())
}

#[then(
    regex = r"^the responsible authority of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) is (.+)$"
)]
async fn responsible_is(world: &mut ConformanceWorld, a: String, b: String, expected: Role) -> StepResult {
    let link = world.link_joining(&a, &b).await?;
    ensure!(
        Some(link.responsible_authority) == expected.as_authority(),
        "the link joining {a} and {b} is verified by {}; Art 29 makes it {expected}",
        link.responsible_authority
    );
    Ok(())
}

async fn verify(
    world: &mut ConformanceWorld,
    who: Actor,
    a: &str,
    b: &str,
    outcome: Spelled<VerificationOutcome>,
    restriction: Option<NoticeWithholding>,
) -> StepResult {
    let actor = world.actor(who, a, b).await?;
    let sin = world.sin_of(a, b).await?;
    let session = world.session(&actor)?;
    let verification = LinkVerification { outcome: outcome.0, notice_restriction: restriction };
    let result = session.identity_detector.verify_link(&sin, verification).await;
    world.expect_refusal(result);
    Ok(())
}

#[when(
    regex = r#"^(.+) verifies the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) as "([^"]+)"$"#
)]
async fn verifies(
    world: &mut ConformanceWorld,
    who: Actor,
    a: String,
    b: String,
    outcome: Spelled<VerificationOutcome>,
) -> StepResult {
    verify(world, who, &a, &b, outcome, None).await
}

#[when(
    regex = r#"^(.+) verifies the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) as "([^"]+)" with a restriction on informing the person$"#
)]
async fn verifies_restricted(
    world: &mut ConformanceWorld,
    who: Actor,
    a: String,
    b: String,
    outcome: Spelled<VerificationOutcome>,
) -> StepResult {
    let restriction = Some(NoticeWithholding {
        ground: WithholdingGround::NationalInvestigation,
        note: Some("informing the person would jeopardise an investigation".into()),
    });
    verify(world, who, &a, &b, outcome, restriction).await
}

#[when(
    regex = r#"^(.+) verifies the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) as "([^"]+)" withholding the notice on the ground "([^"]+)"$"#
)]
async fn verifies_withholding(
    world: &mut ConformanceWorld,
    who: Actor,
    a: String,
    b: String,
    outcome: Spelled<VerificationOutcome>,
    ground: Spelled<WithholdingGround>,
) -> StepResult {
    let withholding = NoticeWithholding::on(ground.0);
    verify(world, who, &a, &b, outcome, Some(withholding)).await
}

/// MID-14: the notice is withheld, and the withholding is recorded with the ground the
/// verification stated and the authority that stated it.
#[then(
    regex = r#"^the notice for the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) is withheld with the recorded ground "([^"]+)"$"#
)]
async fn notice_withheld(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    ground: Spelled<WithholdingGround>,
) -> StepResult {
    let Spelled(wanted) = ground;
    let link = world.link_joining(&a, &b).await?;
    let session = world.session(&ConformanceWorld::verifier_of(&link))?;
    let Some(notice) = session.identity_detector.person_notice(&link.sin).await? else {
        fail!(
            "no notice is recorded for link {}: a withheld notice keeps its recorded ground (MID-14)",
            link.sin
        )
    };
    let Some(withheld) = notice.withheld else {
        fail!(
            "the notice for link {} is given to the person; the verification withheld it ({wanted:?})",
            link.sin
        )
    };
    ensure!(
        withheld.withholding.ground == wanted,
        "the notice is withheld on the ground {:?}; the verification stated {wanted:?}",
        withheld.withholding.ground
    );
    ensure!(
        withheld.by == link.responsible_authority,
        "the withholding is recorded as {}'s; {} verified the link",
        withheld.by,
        link.responsible_authority
    );
    Ok(())
}

/// MID-14: the notice says what the link means, in the words of Art 32(4) or 33(4).
#[then(
    regex = r#"^the notice for the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) tells the person that there are (multiple unlawful identity data|similar or different identity data of the same person)$"#
)]
async fn notice_tells(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    statement: Spelled<NoticeStatement>,
) -> StepResult {
    let Spelled(wanted) = statement;
    // The words the notice must hold: those of Art 32(4) or 33(4), "of the same person" aside.
    let words = match wanted {
        NoticeStatement::MultipleUnlawfulIdentityData => "multiple unlawful identity data",
        NoticeStatement::SimilarOrDifferentIdentityDataOfSamePerson => "similar or different identity data",
    };
    let link = world.link_joining(&a, &b).await?;
    let session = world.session(&ConformanceWorld::verifier_of(&link))?;
    let Some(notice) = session.identity_detector.person_notice(&link.sin).await? else {
        fail!("no written notice for link {} (Art 32(4), 33(4))", link.sin)
    };
    ensure!(
        notice.statement == wanted,
        "the notice states {:?}; the link calls for {wanted:?}",
        notice.statement
    );
    ensure!(
        notice.text.to_lowercase().contains(words),
        "the notice reads {:?}; it must tell the person that there are {words}",
        notice.text
    );
    ensure!(
        notice.withheld.is_none(),
        "the notice is withheld ({:?}) although no ground was stated",
        notice.withheld
    );
    Ok(())
}

#[then(regex = r"^the verification is refused$")]
#[then(regex = r"^the (?:rectification|erasure) is refused$")]
async fn verification_refused(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(
            e.kind,
            ErrorKind::Forbidden | ErrorKind::Invalid | ErrorKind::Conflict | ErrorKind::NotFound
        ),
        "refused with {} instead of a 'forbidden', 'not found', 'invalid' or 'conflict' error",
        e.kind
    );
    Ok(())
}

#[then(regex = r"^the verification is refused as not allowed by the link's comparisons$")]
async fn refused_as_disallowed(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict),
        "refused with {} instead of an 'invalid' or 'conflict' error",
        e.kind
    );
    ensure!(e.concerns("MID-07"), "the refusal does not name MID-07: {e}");
    Ok(())
}

#[then(regex = r"^the verification is refused as not the responsible authority's$")]
async fn refused_as_not_responsible(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Forbidden, "refused with {} instead of 'forbidden'", e.kind);
    Ok(())
}

#[then(regex = r"^the (?:verification|rectification|erasure) is accepted$")]
async fn verification_accepted(world: &mut ConformanceWorld) -> StepResult {
    world.accepted()
}

#[then(
    regex = r"^the confirmation file of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) holds exactly the items of Art 34$"
)]
async fn icf_items(world: &mut ConformanceWorld, a: String, b: String) -> StepResult {
    let link = world.link_joining(&a, &b).await?;
    let viewer = ConformanceWorld::verifier_of(&link);
    let session = world.session(&viewer)?;
    let icf = session.identity_detector.confirmation_file(&link.sin).await?;
    let json = serde_json::to_value(&icf).map_err(|e| Failure(e.to_string()))?;
    let top: Vec<&str> = json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    ensure!(
        top == ["links", "systems"],
        "the confirmation file holds {top:?}; Art 34 lists the links and the systems"
    );
    let expected = ["colour", "created_at", "responsible_authority", "sin", "systems", "updated_at"];
    let mut sins = Vec::new();
    for l in json["links"].as_array().into_iter().flatten() {
        let keys: Vec<&str> =
            l.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        ensure!(
            keys == expected,
            "a link of the confirmation file holds {keys:?}; Art 34 lists exactly {expected:?}"
        );
        sins.push(l["sin"].as_str().unwrap_or("").to_string());
    }
    ensure!(
        sins.contains(&link.sin.as_str().to_string()),
        "the confirmation file does not hold link {}",
        link.sin
    );
    let mut unique = sins.clone();
    unique.sort();
    unique.dedup();
    ensure!(
        unique.len() == sins.len(),
        "two links of the file share a single identification number: {sins:?}"
    );
    let this = icf.links.iter().find(|l| l.sin == link.sin).ok_or_else(|| Failure("link missing".into()))?;
    ensure!(
        this.responsible_authority == link.responsible_authority,
        "the file names another verifying authority"
    );
    ensure!(
        this.updated_at >= this.created_at,
        "last update {} precedes creation {}",
        this.updated_at,
        this.created_at
    );
    let mut systems = this.systems.clone();
    systems.sort();
    let mut want = vec![world.record(&a)?.reference.system, world.record(&b)?.reference.system];
    want.sort();
    ensure!(
        systems == want,
        "the file names systems {systems:?} for the link; the linked data are in {want:?}"
    );
    Ok(())
}

#[then(
    regex = r"^the confirmation file of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) was last updated (\d+) hours after the link was created$"
)]
async fn icf_updated(world: &mut ConformanceWorld, a: String, b: String, hours: i64) -> StepResult {
    let link = world.link_joining(&a, &b).await?;
    let session = world.session(&ConformanceWorld::verifier_of(&link))?;
    let icf = session.identity_detector.confirmation_file(&link.sin).await?;
    let matching: Vec<&IcfLink> = icf.links.iter().filter(|l| l.sin == link.sin).collect();
    let [this] = matching.as_slice() else {
        fail!("the confirmation file holds link {} {} times; it must hold it once", link.sin, matching.len())
    };
    let elapsed = this.updated_at.unix_millis() - this.created_at.unix_millis();
    let wanted = hours * HOUR_MS;
    // The verification follows the time step at once; a minute covers the steps in between.
    ensure!(
        elapsed >= wanted && elapsed < wanted + 60_000,
        "the file gives the last update {} ms after creation; the link was verified {hours} hours after it was created",
        elapsed
    );
    Ok(())
}

#[then(regex = r"^one confirmation file covers ([A-Za-z0-9, ]+)$")]
async fn one_file_covers(world: &mut ConformanceWorld, list: String) -> StepResult {
    let records = labels(&list);
    let [first, rest @ ..] = records.as_slice() else { fail!("name the records") };
    let mut files = Vec::new();
    for other in rest {
        let link = world.link_joining(first, other).await?;
        let icf = world.fullest_confirmation_file(&link).await?;
        let mut sins: Vec<String> = icf.links.iter().map(|l| l.sin.as_str().to_string()).collect();
        sins.sort();
        files.push((icf, sins));
    }
    let (first_file, first_sins) = &files[0];
    for (_, sins) in &files[1..] {
        ensure!(
            sins == first_sins,
            "the links of {first} belong to different confirmation files: {first_sins:?} vs {sins:?}"
        );
    }
    let mut want: Vec<SourceSystem> = Vec::new();
    for label in &records {
        let s = world.record(label)?.reference.system;
        if !want.contains(&s) {
            want.push(s);
        }
    }
    for s in &want {
        ensure!(
            first_file.systems.contains(s),
            "the confirmation file lists {:?}, not {s}",
            first_file.systems
        );
    }
    ensure!(
        first_file.links.len() >= records.len() - 1,
        "one group of {} records needs at least {} links; the file holds {}",
        records.len(),
        records.len() - 1,
        first_file.links.len()
    );
    Ok(())
}

#[then(
    regex = r"^the confirmation file of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) no longer exists$"
)]
async fn icf_gone(world: &mut ConformanceWorld, a: String, b: String) -> StepResult {
    let Some(sin) = world.kept.get(&link_key(&a, &b)).cloned() else {
        fail!("harness: the scenario must look at the link joining {a} and {b} before it is erased")
    };
    let sin = Sin::new(sin)?;
    for observer in world.observers() {
        let session = world.session(&observer)?;
        if let Ok(file) = session.identity_detector.confirmation_file(&sin).await {
            fail!("{observer} still reads a confirmation file for link {sin}: {} link(s)", file.links.len());
        }
    }
    Ok(())
}

#[then(
    regex = r"^(.+) (sees|does not see) the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn sees_link(
    world: &mut ConformanceWorld,
    who: Actor,
    verb: Spelled<Presence>,
    a: String,
    b: String,
) -> StepResult {
    let viewer = world.actor(who, &a, &b).await?;
    let sin = world.sin_of(&a, &b).await?;
    let session = world.session(&viewer)?;
    let mut seen = false;
    for label in [&a, &b] {
        let reference = world.record(label)?.reference.clone();
        match session.identity_detector.links(&reference).await {
            Ok(views) => seen |= views.iter().any(|v| v.sin == sin),
            Err(e) if matches!(e.kind, ErrorKind::Forbidden | ErrorKind::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // A link can also be seen through its confirmation file (the route for an authority with
    // access to neither linked system, which Art 26(1) lets see red links).
    if let Ok(file) = session.identity_detector.confirmation_file(&sin).await {
        seen |= file.links.iter().any(|l| l.sin == sin);
    }
    if verb.0 == Presence::Present {
        ensure!(seen, "{viewer} does not see link {sin}; Art 26 lets it see the link");
    } else {
        ensure!(!seen, "{viewer} sees link {sin}; Art 26 does not let it");
    }
    Ok(())
}

#[then(
    regex = r"^(.+) sees the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) naming the system of ([A-Za-z][A-Za-z0-9]*) but not its record$"
)]
async fn sees_system_only(
    world: &mut ConformanceWorld,
    viewer: Role,
    a: String,
    b: String,
    hidden: String,
) -> StepResult {
    let sin = world.sin_of(&a, &b).await?;
    let shown = if hidden == a { b.clone() } else { a.clone() };
    let reference = world.record(&shown)?.reference.clone();
    let hidden_system = world.record(&hidden)?.reference.system;
    let session = world.session(&viewer)?;
    let views = session.identity_detector.links(&reference).await?;
    let Some(view) = views.iter().find(|v| v.sin == sin) else { fail!("{viewer} does not see link {sin}") };
    let Some(end) = view.ends.iter().find(|e| e.system == hidden_system) else {
        fail!("the link as {viewer} sees it does not name {hidden_system}")
    };
    ensure!(
        end.record.is_none(),
        "{viewer} sees record {:?} of {hidden_system}, a system it may not access",
        end.record
    );
    Ok(())
}

#[then(
    regex = r"^(.+) is notified of the red link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn notified_red(world: &mut ConformanceWorld, recipient: Role, a: String, b: String) -> StepResult {
    let sin = world.sin_of(&a, &b).await?;
    let session = world.session(&recipient)?;
    let notes = session.identity_detector.notifications().await?;
    ensure!(
        notes.iter().any(|n| n.sin == sin && n.kind == NotificationKind::RedLinkCreated),
        "{recipient} has no notification of red link {sin} (it has {:?})",
        notes.iter().map(|n| (n.kind, n.sin.as_str())).collect::<Vec<_>>()
    );
    Ok(())
}

#[then(
    regex = r"^(.+) is informed that the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) was (rectified|erased)$"
)]
async fn informed(
    world: &mut ConformanceWorld,
    recipient: Role,
    a: String,
    b: String,
    what: Spelled<LinkChange>,
) -> StepResult {
    let (Spelled(change), what) = (what, what.0.spelling());
    let sin = world.sin_of(&a, &b).await?;
    let session = world.session(&recipient)?;
    let notes = session.identity_detector.notifications().await?;
    let kinds: &[NotificationKind] = match change {
        LinkChange::Rectified => &[NotificationKind::LinkRectified],
        LinkChange::Erased => &[NotificationKind::LinkErased, NotificationKind::FalseMatchErased],
    };
    ensure!(
        notes.iter().any(|n| n.sin == sin && kinds.contains(&n.kind)),
        "{recipient} was not informed that link {sin} was {what} (notifications: {:?})",
        notes.iter().map(|n| (n.kind, n.sin.as_str())).collect::<Vec<_>>()
    );
    Ok(())
}

#[then(
    regex = r"^the person concerned by the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) (receives a notice|receives no notice)$"
)]
async fn person_notice(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    verdict: Spelled<Presence>,
) -> StepResult {
    let link = world.link_joining(&a, &b).await?;
    let session = world.session(&ConformanceWorld::verifier_of(&link))?;
    let notice = session.identity_detector.person_notice(&link.sin).await?;
    if verdict.0 == Presence::Present {
        let Some(notice) = notice else {
            fail!("no written notice for link {} (Art 32(4), 33(4))", link.sin)
        };
        ensure!(
            notice.withheld.is_none(),
            "the notice for link {} is withheld ({:?}) although no ground was stated",
            link.sin,
            notice.withheld
        );
        ensure!(
            NoticeStatement::for_colour(link.colour) == Some(notice.statement),
            "the notice of a {:?} link states {:?}",
            link.colour,
            notice.statement
        );
        ensure!(notice.sin == link.sin, "the notice names link {}, not {}", notice.sin, link.sin);
        ensure!(
            notice.verifying_authority_reference.contains(&link.responsible_authority.to_string()),
            "the notice names verifying authority {:?}, not {}",
            notice.verifying_authority_reference,
            link.responsible_authority
        );
        ensure!(
            notice.web_portal.starts_with("https://"),
            "the notice gives no web portal address: {:?}",
            notice.web_portal
        );
    } else {
        // A withheld notice is kept with its ground, but the person receives nothing.
        ensure!(
            notice.as_ref().is_none_or(|n| n.withheld.is_some()),
            "a notice is given to the person for link {} although none is due",
            link.sin
        );
    }
    Ok(())
}

async fn rectify(
    world: &mut ConformanceWorld,
    who: Actor,
    a: &str,
    b: &str,
    rectification: Rectification,
) -> StepResult {
    let actor = world.actor(who, a, b).await?;
    let sin = world.sin_of(a, b).await?;
    let session = world.session(&actor)?;
    let result = session.identity_detector.rectify_link(&sin, rectification).await;
    world.expect_refusal(result);
    Ok(())
}

#[when(
    regex = r#"^(.+) corrects the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) to "([^"]+)"$"#
)]
async fn corrects(
    world: &mut ConformanceWorld,
    who: Actor,
    a: String,
    b: String,
    outcome: Spelled<VerificationOutcome>,
) -> StepResult {
    let rectification =
        Rectification::Correct { outcome: outcome.0, reason: "found incorrect on review".into() };
    rectify(world, who, &a, &b, rectification).await
}

#[when(regex = r"^(.+) erases the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$")]
async fn erases(world: &mut ConformanceWorld, who: Actor, a: String, b: String) -> StepResult {
    rectify(world, who, &a, &b, Rectification::Erase { reason: "found incorrect on review".into() }).await
}

#[then(regex = r"^the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) is overdue for (.+)$")]
async fn overdue(world: &mut ConformanceWorld, a: String, b: String, who: Actor) -> StepResult {
    let sin = world.sin_of(&a, &b).await?;
    let actor = world.actor(who, &a, &b).await?;
    let session = world.session(&actor)?;
    let overdue = session.identity_detector.overdue_links().await?;
    ensure!(overdue.iter().any(|l| l.sin == sin), "link {sin} is not reported overdue to {actor}");
    Ok(())
}

#[then(
    regex = r"^the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) is not yet overdue for (.+)$"
)]
async fn not_overdue(world: &mut ConformanceWorld, a: String, b: String, who: Actor) -> StepResult {
    let sin = world.sin_of(&a, &b).await?;
    let actor = world.actor(who, &a, &b).await?;
    let session = world.session(&actor)?;
    let overdue = session.identity_detector.overdue_links().await?;
    ensure!(!overdue.iter().any(|l| l.sin == sin), "link {sin} is reported overdue too early");
    Ok(())
}

/// The second record of a yellow link of `basis`, written before EES record A so that A's
/// write triggers detection and the border authority of DEU is responsible.
fn yellow_partner(basis: &str) -> Result<(&'static str, [&'static str; 5]), Failure> {
    // (system, [surname, first names, born, fingerprints, document])
    Ok(match basis.trim() {
        "bio SAME, id DIFFERENT" => ("VIS", ["NOWAK", "Olga", "1975-11-30", "F1", "PB2000002"]),
        "bio ABSENT, id DIFFERENT, td SAME" => ("ETIAS", ["NOWAK", "Olga", "1975-11-30", "-", "PA1000001"]),
        "bio DIFFERENT, id SAME" => ("VIS", ["GARCÍA", "Ana", "1990-05-07", "F2", "PB2000002"]),
        "bio DIFFERENT, id DIFFERENT, td SAME" => ("VIS", ["NOWAK", "Olga", "1975-11-30", "F2", "PA1000001"]),
        "bio ABSENT, id SAME, td NONE" => ("ETIAS", ["GARCÍA", "Ana", "1990-05-07", "-", "PC3000003"]),
        other => fail!(
            "unknown basis {other:?}: use e.g. \"bio SAME, id DIFFERENT\" or \"bio ABSENT, id DIFFERENT, td SAME\""
        ),
    })
}

/// `Given records A and B linked yellow by bio SAME, id DIFFERENT`: B is written first, then
/// EES record A (Ana GARCÍA, finger F1, passport PA1000001) whose write finds B.
#[given(regex = r"^records ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) linked yellow by (.+)$")]
async fn linked_yellow(world: &mut ConformanceWorld, a: String, b: String, basis: String) -> StepResult {
    let (basis, present) = match basis.strip_suffix(" at a border check in the person's presence") {
        Some(basis) => (basis.to_string(), true),
        None => (basis, false),
    };
    write_yellow_pair(world, &a, &b, &basis, present).await
}

/// Writes B, then EES record A (in the person's presence when `present`, MID-11), so that A's
/// write finds B with `basis`.
async fn write_yellow_pair(
    world: &mut ConformanceWorld,
    a: &str,
    b: &str,
    basis: &str,
    present: bool,
) -> StepResult {
    use crate::data::records::RecordSpec;
    let (system, [surname, first, born, fingers, document]) = yellow_partner(basis)?;
    let row = |label: &str, system: &str, values: [&str; 5]| -> Vec<(String, String)> {
        let [surname, first, born, fingers, document] = values;
        [
            ("record", label),
            ("system", system),
            ("surname", surname),
            ("first names", first),
            ("born", born),
            ("sex", "F"),
            ("nationality", "COL"),
            ("fingerprints", fingers),
            ("document", document),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let (sb, spec_b) = RecordSpec::from_row(&row(b, system, [surname, first, born, fingers, document]))?;
    world.put_spec_ok(sb, spec_b).await?;
    let mut row_a = row(a, "EES", ["GARCÍA", "Ana", "1990-05-07", "F1", "PA1000001"]);
    if present {
        row_a.push(("person present".into(), "yes".into()));
    }
    let (sa, spec_a) = RecordSpec::from_row(&row_a)?;
    world.put_spec_ok(sa, spec_a).await?;
    let link = world.link_joining(a, b).await?;
    ensure!(
        link.colour == LinkColour::Yellow,
        "precondition: {basis} should give a yellow link (MID-06), the link is {:?}",
        link.colour
    );
    Ok(())
}

/// The end state after a verification: a colour, `erased`, or `refused` (link still yellow).
#[then(
    regex = r"^the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) ends (white|green|red|erased|refused)$"
)]
async fn link_ends(world: &mut ConformanceWorld, a: String, b: String, end: LinkEnd) -> StepResult {
    match end {
        LinkEnd::Refused => {
            let e = world.refusal()?;
            ensure!(
                matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict | ErrorKind::Forbidden),
                "refused with {} instead of 'invalid'",
                e.kind
            );
            let link = world.link_joining(&a, &b).await?;
            ensure!(
                link.colour == LinkColour::Yellow,
                "after a refused verification the link is {:?}, not yellow",
                link.colour
            );
        }
        LinkEnd::Erased => {
            world.accepted()?;
            if let Some(link) = world.link_between(&a, &b).await? {
                fail!("the link is {:?}; the outcome erases it (POLICY MID-P2)", link.colour);
            }
        }
        LinkEnd::Colour(wanted) => {
            world.accepted()?;
            let link = world.link_joining(&a, &b).await?;
            ensure!(
                link.colour == wanted,
                "the link is {:?} after verification; Arts 31-33 make it {wanted:?}",
                link.colour
            );
        }
    }
    Ok(())
}

/// MID-10: the verifier of a yellow link reads, in the confirmation file, the Art 34 data of
/// every link of the group (existing white and green links included), and nothing more. The
/// table lists each link by colour and the systems it joins; the comparison is exact.
#[then(
    regex = r"^the responsible authority of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) reads in its confirmation file exactly these links:$"
)]
async fn icf_links_exactly(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    step: &cucumber::gherkin::Step,
) -> StepResult {
    let mut wanted: Vec<(String, Vec<SourceSystem>)> = Vec::new();
    for row in super::table_rows(step)? {
        let get = |k: &str| row.iter().find(|(c, _)| c == k).map(|(_, v)| v.clone());
        let (Some(c), Some(s)) = (get("colour"), get("systems")) else {
            fail!("the table needs the columns colour and systems")
        };
        let (Spelled(colour), List(mut systems)) =
            (c.parse::<Spelled<LinkColour>>()?, s.parse::<List<SourceSystem>>()?);
        systems.sort();
        wanted.push((format!("{colour:?}"), systems));
    }
    let link = world.link_joining(&a, &b).await?;
    let session = world.session(&ConformanceWorld::verifier_of(&link))?;
    let file = session.identity_detector.confirmation_file(&link.sin).await?;
    let mut got: Vec<(String, Vec<SourceSystem>)> = file
        .links
        .iter()
        .map(|l| {
            let mut systems = l.systems.clone();
            systems.sort();
            (format!("{:?}", l.colour), systems)
        })
        .collect();
    got.sort();
    wanted.sort();
    ensure!(
        got == wanted,
        "the verifier of link {} reads the links {got:?} in the confirmation file; Art 29(3) gives it every link of the group: {wanted:?}",
        link.sin
    );
    Ok(())
}

/// CIR-14: the data Art 21 gives are the CIR data of exactly these records (the data of an
/// SIS alert are not CIR data).
#[then(regex = r"^it receives the CIR data of ([A-Za-z][A-Za-z0-9, ]*?) and nothing else$")]
async fn receives_cir_data(world: &mut ConformanceWorld, list: String) -> StepResult {
    world.accepted()?;
    let mut got: Vec<String> = world
        .kept
        .get("linked-data")
        .map(|s| s.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    let mut want = Vec::new();
    for label in labels(&list) {
        want.push(world.record(&label)?.reference.to_string());
    }
    got.sort();
    want.sort();
    ensure!(
        got == want,
        "Art 21 access returned the data of {got:?}; the CIR data connected by the link are {want:?}"
    );
    Ok(())
}

#[then(regex = r"^the verification is refused naming ([A-Z]+-[A-Z0-9]+)$")]
async fn refused_naming(world: &mut ConformanceWorld, rule: String) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict | ErrorKind::Forbidden),
        "refused with {} instead of 'invalid'",
        e.kind
    );
    ensure!(e.concerns(&rule), "the refusal does not name {rule}: {e}");
    Ok(())
}
