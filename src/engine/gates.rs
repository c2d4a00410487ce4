//! Safety gates: the first stage of planning, evaluated before differentiation.
//!
//! A gate is content (declared in the pathway files with its source, like every rule). Before a
//! pathway gets a level or a single offer, its gates decide whether it may have a routine plan
//! at all:
//! - an **acute** gate that fires (a red flag, suicidal thoughts, NYHA IV) puts the pathway (or,
//!   for a plan-wide gate, every pathway) at `akut-handling`: no level, no offers, no deadlines,
//!   only the required action; the plan cannot be confirmed until the GP records the action or
//!   overrides the gate with a reason;
//! - an **exclusion** that fires (no obstruction on spirometry, pain under 12 weeks) puts the
//!   pathway at `uden-for-maalgruppe`;
//! - a **contraindication** holds back the interventions it names (exercise in untreated
//!   symptomatic valve disease) while the pathway proceeds.
//!
//! Unknown is never normal: a gate whose question has not been answered is *pending*, and the
//! pathway waits at `afventer-afklaring` (a contraindication holds its interventions back) until
//! the question is answered, naming the questions that remain.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::condition::Facts;
use crate::engine::content::{
    AfterAction, Content, Evidence, Gate, GateKind, GateScope, Pathway, Urgency,
};
use crate::engine::input::{GateDecisionKind, ValidInput};
use crate::engine::text::Lang;

/// Where a pathway stands after its gates (plan field `status_by_pathway`; the plan's overall
/// `status` uses the same codes).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PathwayStatus {
    /// No gate holds it back: a routine plan with level, offers and deadlines.
    Klar,
    /// Waiting: a gate's question is unanswered, or an acute action was taken and its result is
    /// awaited. No level and no offers until then.
    AfventerAfklaring,
    /// Outside the target group: no plan in this pathway.
    UdenForMaalgruppe,
    /// An acute gate is open: act first. No level and no offers; the plan cannot be confirmed
    /// before the action is recorded or the gate overridden.
    AkutHandling,
}

impl PathwayStatus {
    /// The code used in the plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PathwayStatus::Klar => "klar",
            PathwayStatus::AfventerAfklaring => "afventer-afklaring",
            PathwayStatus::UdenForMaalgruppe => "uden-for-maalgruppe",
            PathwayStatus::AkutHandling => "akut-handling",
        }
    }
}

/// The state of one gate in a plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateState {
    /// It fired and nothing is recorded: the action is due.
    Open,
    /// Its question is not answered yet (`questions` names them).
    Pending,
    /// The GP recorded that the action was taken.
    Handled,
    /// The GP set it aside, with a reason.
    Overridden,
}

/// A gate that fired, is pending, or was decided on, as the plan records it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateResult {
    /// The gate's id (the GP's decision names it).
    pub id: String,
    /// The pathway that declares it, or `null` for a plan-wide gate.
    pub pathway: Option<String>,
    /// `acute`, `exclusion` or `contraindication`.
    pub kind: GateKind,
    /// `pathway` or `plan`.
    pub scope: GateScope,
    /// `open`, `pending`, `handled` or `overridden`.
    pub state: GateState,
    /// `samme-dag`, `foer-forloeb` or `foer-indsats`.
    pub urgency: Urgency,
    /// What the GP must do, in the plan's language.
    pub action: String,
    /// The finding, in the plan's language.
    pub text: String,
    /// The input fields the gate's condition reads (what made it fire, or what it waits for).
    pub fields: Vec<String>,
    /// For a pending gate: the input fields still unanswered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// For a contraindication: the interventions it holds back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<String>,
    /// The source's public reference (URL or guideline name).
    pub source: String,
    /// The source's title (guideline and year), for people to read.
    pub source_title: String,
    /// The source's evidence tag.
    pub evidence: Evidence,
    /// A proposal a region can change, not national guidance.
    pub proposal: bool,
    /// The GP's decision, when one was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<GateDecisionRecord>,
}

/// The GP's decision on a gate, as kept in the plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateDecisionRecord {
    /// `handled` or `override`.
    pub decision: GateDecisionKind,
    /// The GP's reason or note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// An intervention a contraindication holds back.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldIntervention {
    /// Catalogue id.
    pub id: String,
    /// Name in the plan's language.
    pub title: String,
    /// The gate that holds it back.
    pub gate: String,
    /// Every pathway that called for it.
    pub pathways: Vec<String>,
}

/// What the gate stage decided for one plan.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Every gate that fired, is pending or was decided on, most urgent first.
    pub gates: Vec<GateResult>,
    /// Status per chosen pathway.
    pub status: BTreeMap<String, PathwayStatus>,
    /// Intervention id → the gate that holds it back.
    pub blocked: BTreeMap<String, String>,
    /// Decisions the input recorded for gates that are not open or pending (nothing to decide):
    /// reported, never dropped in silence.
    pub unused_decisions: Vec<String>,
}

impl Outcome {
    /// The status of the whole plan: `akut-handling` if any pathway is, else
    /// `afventer-afklaring` if any pathway waits, else `klar` if any pathway has a plan, else
    /// `uden-for-maalgruppe`.
    #[must_use]
    pub fn overall(&self) -> PathwayStatus {
        let has = |s: PathwayStatus| self.status.values().any(|x| *x == s);
        if has(PathwayStatus::AkutHandling) {
            PathwayStatus::AkutHandling
        } else if has(PathwayStatus::AfventerAfklaring) {
            PathwayStatus::AfventerAfklaring
        } else if has(PathwayStatus::Klar) || self.status.is_empty() {
            PathwayStatus::Klar
        } else {
            PathwayStatus::UdenForMaalgruppe
        }
    }

    /// Whether an acute gate is open: the plan cannot be confirmed.
    #[must_use]
    pub fn acute_open(&self) -> bool {
        self.gates
            .iter()
            .any(|g| g.kind == GateKind::Acute && g.state == GateState::Open)
    }
}

/// One gate, evaluated: `None` when it neither fired nor waits for an answer.
fn state_of(gate: &Gate, facts: &Facts) -> Option<GateState> {
    match gate.when.eval(facts) {
        Some(true) => Some(GateState::Open),
        Some(false) => None,
        None => {
            let applies = gate
                .then
                .applies
                .as_ref()
                .map_or(Some(true), |c| c.eval(facts));
            (applies == Some(true)).then_some(GateState::Pending)
        }
    }
}

/// Evaluates the gates of the chosen pathways and the shared file against the facts and the
/// GP's decisions.
#[must_use]
pub fn evaluate(content: &Content, input: &ValidInput, facts: &Facts) -> Outcome {
    let lang = input.lang;
    let chosen: Vec<(&String, &Pathway)> = input
        .pathways
        .iter()
        .filter_map(|id| content.pathways.get(id).map(|p| (id, p)))
        .collect();
    let declared = content.common_gates.iter().map(|g| (None, g)).chain(
        chosen
            .iter()
            .flat_map(|(id, p)| p.gates.iter().map(move |g| (Some(*id), g))),
    );
    let mut out = Outcome::default();
    let mut evaluated = Vec::new();
    for (owner, gate) in declared {
        let Some(mut state) = state_of(gate, facts) else {
            continue;
        };
        let decision = input.overrides.gates.get(&gate.id);
        match (decision.map(|d| d.decision), state, gate.then.kind) {
            (Some(GateDecisionKind::Override), _, _) => state = GateState::Overridden,
            (Some(GateDecisionKind::Handled), GateState::Open, k) if k != GateKind::Exclusion => {
                state = GateState::Handled;
            }
            // "Handled" on an exclusion or a pending gate changes nothing: said in the plan.
            (Some(GateDecisionKind::Handled), _, _) => out.unused_decisions.push(gate.id.clone()),
            (None, _, _) => {}
        }
        let questions = if state == GateState::Pending {
            content
                .unknown_fields(&gate.when, facts)
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };
        evaluated.push((owner, gate, state));
        let cite = content.citation(gate);
        out.gates.push(GateResult {
            id: gate.id.clone(),
            pathway: match gate.then.scope {
                GateScope::Plan => None,
                GateScope::Pathway => owner.cloned(),
            },
            kind: gate.then.kind,
            scope: gate.then.scope,
            state,
            urgency: gate.then.urgency,
            action: gate.then.action.get(lang).to_owned(),
            text: gate.text.get(lang).to_owned(),
            fields: content
                .unknown_fields(&gate.when, &crate::engine::condition::Facts::new())
                .into_iter()
                .collect(),
            questions,
            blocks: gate.then.blocks.clone(),
            source: cite.reference,
            source_title: cite.title,
            evidence: cite.evidence,
            proposal: gate.proposal,
            decision: decision.map(|d| GateDecisionRecord {
                decision: d.decision,
                reason: d.reason.trim().to_owned(),
            }),
        });
    }
    for id in input.overrides.gates.keys() {
        if !evaluated.iter().any(|(_, g, _)| g.id == *id) && !out.unused_decisions.contains(id) {
            out.unused_decisions.push(id.clone());
        }
    }

    // Status per pathway: the most severe effect of the gates that reach it.
    for (id, _) in &chosen {
        let mut status = PathwayStatus::Klar;
        for (owner, gate, state) in &evaluated {
            let reaches = gate.then.scope == GateScope::Plan || *owner == Some(*id);
            if !reaches {
                continue;
            }
            let effect = match (gate.then.kind, state) {
                (GateKind::Acute, GateState::Open) => PathwayStatus::AkutHandling,
                (GateKind::Exclusion, GateState::Open) => PathwayStatus::UdenForMaalgruppe,
                (GateKind::Acute | GateKind::Exclusion, GateState::Pending) => {
                    PathwayStatus::AfventerAfklaring
                }
                (GateKind::Acute, GateState::Handled)
                    if gate.then.after_action == Some(AfterAction::Wait) =>
                {
                    PathwayStatus::AfventerAfklaring
                }
                _ => PathwayStatus::Klar,
            };
            status = status.max(effect);
        }
        out.status.insert((*id).clone(), status);
    }

    // Interventions a contraindication holds back, while it is open or its question pending.
    for (_, gate, state) in &evaluated {
        let holds = match state {
            GateState::Open | GateState::Pending => true,
            GateState::Handled => gate.then.after_action == Some(AfterAction::Wait),
            GateState::Overridden => false,
        };
        if gate.then.kind == GateKind::Contraindication && holds {
            for b in &gate.then.blocks {
                out.blocked
                    .entry(b.clone())
                    .or_insert_with(|| gate.id.clone());
            }
        }
    }

    // The most urgent first: open acute gates, then by urgency, state and id.
    crate::engine::sort_short(&mut out.gates, |a, b| {
        let rank = |g: &GateResult| {
            (
                !(g.kind == GateKind::Acute && g.state == GateState::Open),
                g.urgency,
                g.state,
                g.kind,
            )
        };
        (rank(a), &a.id) < (rank(b), &b.id)
    });
    out
}

/// The labels of input fields, joined for a sentence.
#[must_use]
pub fn field_list(content: &Content, fields: &[String], lang: Lang) -> String {
    fields
        .iter()
        .map(|f| content.field_label(f, lang))
        .collect::<Vec<_>>()
        .join("; ")
}
