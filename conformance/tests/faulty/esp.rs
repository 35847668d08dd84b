//! The search portal's faults (ESP-01 to ESP-10, MID-13).

use async_trait::async_trait;
use futures_util::StreamExt;
use futures_util::stream;
use jha_interop::api::*;
use jha_interop::model::*;

use super::{AUTHORITY_KINDS, Fault, FaultySession};

impl FaultySession {
    /// ESP-02's fault: drops what the caller's profile does not allow instead of refusing it.
    async fn strip_forbidden_fields(&self, request: &mut SearchRequest) {
        let Ok(profiles) = self.inner.directory.profiles().await else { return };
        let Some(profile) = profiles.into_iter().find(|p| p.id == request.profile) else { return };
        let allowed = |f| profile.query_fields.contains(&f);
        if let Some(b) = request.biometrics.as_mut() {
            if !allowed(QueryField::Fingerprints) {
                b.fingerprints.clear();
            }
            if !allowed(QueryField::Face) {
                b.face = None;
            }
            if b.fingerprints.is_empty() && b.face.is_none() && b.ansi_nist.is_none() {
                request.biometrics = None;
            }
        }
        if !allowed(QueryField::PlaceOfBirth)
            && let Some(q) = request.identity.as_mut()
        {
            q.place_of_birth = None;
        }
    }

    /// ESP-10's faults: the systems the profile can query are queried on every search, or a
    /// named system the profile may not query is silently dropped instead of refused.
    async fn misread_named_systems(&self, request: &mut SearchRequest) {
        let Ok(profiles) = self.inner.directory.profiles().await else { return };
        let Some(profile) = profiles.into_iter().find(|p| p.id == request.profile) else { return };
        match self.fault() {
            Fault::EspCanQueryAlwaysQueried => {
                for s in profile.systems_that_can_be_queried {
                    if !request.also_query.contains(&s) {
                        request.also_query.push(s);
                    }
                }
            }
            Fault::EspNamedSystemIgnored => request.also_query.retain(|s| {
                profile.systems_to_query.contains(s) || profile.systems_that_can_be_queried.contains(s)
            }),
            _ => {}
        }
    }

    /// ESP-01's fault: the answer of `system` to `request` made under the border profile.
    async fn border_answer_of(&self, request: &SearchRequest, system: SourceSystem) -> Option<SourceResult> {
        let mut request = request.clone();
        request.profile = ProfileId::new("border-check").ok()?;
        let border = self.shared.authority(AuthorityKind::BorderAuthority);
        let reply = border.search_portal.search_all(request).await.ok()?;
        reply.results.into_iter().find(|r| r.source == system)
    }

    /// ESP-10's fault: a request under a profile the caller does not hold is run by an
    /// authority that holds it.
    async fn search_as_profile_holder(&self, request: SearchRequest) -> Result<SourceResultStream> {
        let me = self.me().await.ok_or_else(|| Error::forbidden("unknown caller"))?;
        let organisation = match me.authority.organisation {
            Organisation::MemberState(_) => me.authority.organisation,
            Organisation::Agency(_) => Organisation::member_state("DEU").expect("a valid code"),
        };
        for kind in AUTHORITY_KINDS {
            let holder = self.shared.standard(kind, organisation);
            if holder.directory.profiles().await.is_ok_and(|ps| ps.iter().any(|p| p.id == request.profile)) {
                return holder.search_portal.search(request).await;
            }
        }
        Err(Error::forbidden("no holder of the profile"))
    }
}

#[async_trait]
impl SearchPortal for FaultySession {
    async fn search(&self, mut request: SearchRequest) -> Result<SourceResultStream> {
        let session = self.delegate().await;
        let me = session.directory.whoami().await?;
        let biometric = request.biometrics.is_some();
        if self.fault() == Fault::EspForbiddenFieldDropped {
            self.strip_forbidden_fields(&mut request).await;
        }
        if matches!(self.fault(), Fault::EspCanQueryAlwaysQueried | Fault::EspNamedSystemIgnored) {
            self.misread_named_systems(&mut request).await;
        }
        let answers = match session.search_portal.search(request.clone()).await {
            Ok(a) => a,
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::EspProfileBypass => {
                self.search_as_profile_holder(request.clone()).await?
            }
            Err(mut e) => {
                if self.fault() == Fault::EspRefusalNamesNoField {
                    for v in &mut e.violations {
                        v.field = "request".into();
                    }
                }
                return Err(e);
            }
        };
        // Tamper with each answer as it streams by, so that the fault changes nothing else.
        let shared = self.shared.clone();
        let fault = self.fault();
        let caller = me.clone();
        let visa = me.authority.kind == AuthorityKind::VisaAuthority;
        let answers = answers
            .filter(move |result| {
                let keep = match (fault, result) {
                    (Fault::EspSkipsSisOnBiometricQuery, Ok(r)) => {
                        !(biometric && r.source == SourceSystem::Sis)
                    }
                    (Fault::EspNoHitOmitted, Ok(r)) => r.outcome != SourceOutcome::NoHit,
                    (Fault::EspVisaProfileWithoutEtias, Ok(r)) => !(visa && r.source == SourceSystem::Etias),
                    _ => true,
                };
                std::future::ready(keep)
            })
            .then(move |result| {
                let shared = shared.clone();
                let me = me.clone();
                async move {
                    let mut result = result?;
                    if fault == Fault::EspUnavailableAsTimedOut
                        && result.outcome == SourceOutcome::Unavailable
                    {
                        result.outcome = SourceOutcome::TimedOut;
                    }
                    for item in &mut result.items {
                        match fault {
                            Fault::EspReturnsBiometrics => {
                                if let Some(w) = shared.written(&item.record) {
                                    item.biometrics = Some(w.biometrics);
                                }
                            }
                            Fault::EspItemsMislabelled => item.record.system = SourceSystem::Ees,
                            Fault::MidWhiteSamePersonNotSaid => {
                                for link in &mut item.links {
                                    if link.colour == LinkColour::White {
                                        link.same_person = None;
                                    }
                                }
                            }
                            Fault::EspLinkRevealsHiddenRecord => {
                                let Ok(views) = shared.oracle().identity_detector.links(&item.record).await
                                else {
                                    continue;
                                };
                                for view in views {
                                    let Some(other) = view.ends.iter().find(|e| !me.may_access(e.system))
                                    else {
                                        continue;
                                    };
                                    if !item.links.iter().any(|l| l.sin == view.sin) {
                                        item.links.push(LinkIndication {
                                            sin: view.sin.clone(),
                                            colour: view.colour,
                                            other: LinkEnd { system: other.system, record: None },
                                            same_person: Some(view.colour == LinkColour::White),
                                        });
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    Ok(result)
                }
            });
        let extra: Vec<Result<SourceResult>> = match self.fault() {
            Fault::EspMentionsInaccessibleSystem => SourceSystem::ALL
                .into_iter()
                .find(|s| !caller.may_access(*s))
                .map(|hidden| {
                    Ok(SourceResult {
                        source: hidden,
                        outcome: SourceOutcome::NoHit,
                        items: Vec::new(),
                        fallback: None,
                    })
                })
                .into_iter()
                .collect(),
            Fault::EspSireneAnswersForEes if caller.authority.kind == AuthorityKind::SireneBureau => {
                self.border_answer_of(&request, SourceSystem::Ees).await.into_iter().map(Ok).collect()
            }
            _ => Vec::new(),
        };
        let answers = answers.chain(stream::iter(extra)).boxed();
        if self.fault() == Fault::EspBuffersUntilAllAnswer {
            let all: Vec<Result<SourceResult>> = answers.collect().await;
            return Ok(stream::iter(all).boxed());
        }
        Ok(answers)
    }

    async fn failure_notices(&self) -> Result<Vec<FailureNotice>> {
        let mut notices = self.delegate().await.search_portal.failure_notices().await?;
        // ESP-09's fault: a failure of the CIR notifies nobody.
        if self.fault() == Fault::EspNoNoticeOnCirFailure {
            notices.retain(|n| n.component != Component::Cir);
        }
        Ok(notices)
    }
}
