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

use crate::engine::condition::{Condition, Facts};
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
#[expect(
    clippy::struct_excessive_bools,
    reason = "plan@1 data: each flag is a field hosts read"
)]
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
    /// The finding and what happens next, in words for the patient (the printout shows this,
    /// never `action`, which is written for the GP).
    pub patient_text: String,
    /// A sensitive finding (suicidal thoughts): left off the patient's printout unless the GP
    /// chooses to print it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// For a pending gate whose question arises only in some patients: the answers that raised
    /// it, in words ("MDI item 6 …: Slightly more than half the time").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raised_by: Vec<String>,
    /// The plan cannot be confirmed while this holds: an acute gate that is open, or whose
    /// same-day question is still unanswered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blocks_confirmation: bool,
    /// While it holds, every exercise-based offer and goal of every pathway waits.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holds_exercise: bool,
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
    /// The first gate (most urgent) that holds exercise, while it holds: every exercise goal
    /// waits for it.
    pub exercise_held_by: Option<String>,
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

    /// Whether the plan cannot be confirmed: an acute gate is open, or its same-day question
    /// is unanswered.
    #[must_use]
    pub fn blocks_confirmation(&self) -> bool {
        self.gates.iter().any(|g| g.blocks_confirmation)
    }
}

/// Whether a gate in `state` stops the GP from confirming the plan: an open acute gate, and an
/// acute question due the same day that is still unanswered (unknown is never "no").
#[must_use]
pub fn blocks_confirmation(kind: GateKind, state: GateState, urgency: Urgency) -> bool {
    kind == GateKind::Acute
        && (state == GateState::Open
            || (state == GateState::Pending && urgency == Urgency::SammeDag))
}

/// Whether a gate in `state` still holds what it holds back (a contraindication's
/// interventions, exercise): open or pending, or handled while the pathway waits for the result.
fn holding(gate: &Gate, state: GateState) -> bool {
    match state {
        GateState::Open | GateState::Pending => true,
        GateState::Handled => gate.then.after_action == Some(AfterAction::Wait),
        GateState::Overridden => false,
    }
}

/// The answers that made a pending gate's question arise: the parts of `applies` that hold,
/// in words.
fn raised_by(content: &Content, applies: &Condition, facts: &Facts, lang: Lang) -> Vec<String> {
    let mut leaves = Vec::new();
    applies.true_leaves(facts, &mut leaves);
    let mut out: Vec<String> = Vec::new();
    for fact in leaves {
        if let Some(text) = content.fact_text(fact, facts, lang) {
            if !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
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
    let chosen: Vec<(&String, &Pathway)> = content.chosen(&input.pathways);
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
        let (questions, raised) = if state == GateState::Pending {
            let raised = gate
                .then
                .applies
                .as_ref()
                .map(|a| raised_by(content, a, facts, lang))
                .unwrap_or_default();
            (
                content
                    .unknown_fields(&gate.when, facts)
                    .into_iter()
                    .collect(),
                raised,
            )
        } else {
            (Vec::new(), Vec::new())
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
            patient_text: gate.then.patient.get(lang).to_owned(),
            private: gate.then.private,
            raised_by: raised,
            blocks_confirmation: blocks_confirmation(gate.then.kind, state, gate.then.urgency),
            holds_exercise: gate.then.holds_exercise && holding(gate, state),
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

    // What a gate holds back while it holds, named by the most urgent gate that holds it: a
    // contraindication's interventions, and every exercise-based offer of every pathway (the
    // goals read `exercise_held_by`).
    for g in &out.gates {
        let Some((_, gate, state)) = evaluated.iter().find(|(_, x, _)| x.id == g.id) else {
            continue;
        };
        if !holding(gate, *state) {
            continue;
        }
        if gate.then.kind == GateKind::Contraindication {
            for b in &gate.then.blocks {
                out.blocked
                    .entry(b.clone())
                    .or_insert_with(|| gate.id.clone());
            }
        }
        if gate.then.holds_exercise {
            out.exercise_held_by.get_or_insert_with(|| gate.id.clone());
            for b in content.exercise_offers() {
                out.blocked
                    .entry(b.clone())
                    .or_insert_with(|| gate.id.clone());
            }
        }
    }
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
