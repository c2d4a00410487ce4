//! The small condition language used by every rule in the pathway files.
//!
//! A condition is JSON:
//! - `true`: always holds;
//! - `{"all": [c, …]}`, `{"any": [c, …]}`, `{"not": c}`;
//! - `{"any_known": [c, …]}`: holds when one holds, fails when every *known* one fails and at
//!   least one is known. Used where a guideline accepts either of two measures (GOLD: CAT or MRC);
//! - `{"at_least": 2, "of": [c, …]}`: holds when at least that many parts hold, fails when too
//!   few can still hold (the unknown ones counted as holding), unknown otherwise. Used where a
//!   rule counts factors ("several risk factors", "two or more signs of few resources");
//! - `{"fact": "hba1c_mmol_mol", "gt": {"fact": "t2d.hba1c_target"}}`: a number compared with
//!   another numeric fact;
//! - `{"fact": "cat.total", "gte": 10}`: a test of one fact with exactly one operator out of
//!   `gte gt lte lt` (numbers), `eq ne` (any scalar), `in` (a list of scalars),
//!   `contains` (a string in a list fact), `nonempty` (`true`: the list fact has an element),
//!   `present` (`true`/`false`: whether the fact is known at all).
//!
//! Evaluation is three-valued: a test of an unknown fact is *unknown* (`None`), never false, so a
//! missing answer can never silently lower a patient's level. Rules fire only on `Some(true)`.
//!
//! Over 600 lines: the parser, the evaluation and the text of a condition are one language and
//! change together; the last 210 lines are its tests.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::error::{ContentProblem, Field, ProblemAt, Thing};

/// A known value of a fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A number (scores, measurements, counts).
    Num(f64),
    /// A code such as `current` or `E`.
    Str(String),
    /// A yes/no answer.
    Bool(bool),
    /// A set of codes, such as the red flags.
    List(Vec<String>),
}

impl Value {
    /// The value as JSON, for the plan's `scores`.
    #[must_use]
    pub fn to_json(&self) -> Json {
        match self {
            Value::Num(n) => num_json(*n),
            Value::Str(s) => Json::String(s.clone()),
            Value::Bool(b) => Json::Bool(*b),
            Value::List(l) => Json::Array(l.iter().cloned().map(Json::String).collect()),
        }
    }

    fn from_json(j: &Json) -> Option<Value> {
        match j {
            Json::Number(n) => n.as_f64().map(Value::Num),
            Json::String(s) => Some(Value::Str(s.clone())),
            Json::Bool(b) => Some(Value::Bool(*b)),
            _ => None,
        }
    }
}

/// Whole numbers print without a fraction (`45`, not `45.0`) so plans read as they were typed.
#[must_use]
pub fn num_json(n: f64) -> Json {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a whole number under 9e15 is exact as i64"
    )]
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Json::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

/// The kind of a fact, used to check conditions when content is loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FactKind {
    /// A number.
    Number,
    /// A code; `Some` lists the allowed codes.
    Code(Option<Vec<String>>),
    /// A yes/no value.
    Bool,
    /// A set of codes out of the listed ones.
    List(Vec<String>),
}

/// The facts known about one patient: scores, derived classes and measurements.
pub type Facts = BTreeMap<String, Value>;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// `>=`
    Gte,
    /// `>`
    Gt,
    /// `<=`
    Lte,
    /// `<`
    Lt,
    /// equal
    Eq,
    /// not equal
    Ne,
}

/// A parsed condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// Always holds.
    Always,
    /// Every part holds.
    All(Vec<Condition>),
    /// Some part holds.
    Any(Vec<Condition>),
    /// Some part holds; fails when every known part fails.
    AnyKnown(Vec<Condition>),
    /// The part fails.
    Not(Box<Condition>),
    /// At least `n` of the parts hold.
    AtLeast(usize, Vec<Condition>),
    /// Compare a fact with a value.
    Cmp { fact: String, op: Op, value: Value },
    /// Compare a fact with another fact (a numeric target such as an individual HbA1c goal).
    CmpFact { fact: String, op: Op, other: String },
    /// The fact equals one of the values.
    In { fact: String, values: Vec<Value> },
    /// The list fact contains the code.
    Contains { fact: String, code: String },
    /// The list fact has at least one element (or none, when `false`).
    NonEmpty { fact: String, expect: bool },
    /// The fact is known (or unknown, when `false`).
    Present { fact: String, expect: bool },
}

/// The operator of `gte`, `gt`, `lte` or `lt`.
fn numeric_op(op: &str) -> Op {
    match op {
        "gte" => Op::Gte,
        "gt" => Op::Gt,
        "lte" => Op::Lte,
        _ => Op::Lt,
    }
}

const OPS: [&str; 10] = [
    "gte", "gt", "lte", "lt", "eq", "ne", "in", "contains", "nonempty", "present",
];

impl Condition {
    /// Parses a condition. `path` is where `json` is inside its file, used in errors.
    ///
    /// # Errors
    /// The first problem, at its place in the file.
    pub fn parse(json: &Json, path: &Field) -> Result<Condition, ProblemAt> {
        use ContentProblem as P;
        let err = |p: Field, m: ContentProblem| Err(m.at(p));
        match json {
            Json::Bool(true) => Ok(Condition::Always),
            Json::Object(map) => {
                for key in ["all", "any", "any_known"] {
                    if let Some(parts) = map.get(key) {
                        if map.len() != 1 {
                            return err(path.clone(), P::OnlyKey(key.to_owned()));
                        }
                        let Json::Array(items) = parts else {
                            return err(path.clone().key(key), P::ExpectedList);
                        };
                        if items.is_empty() {
                            return err(path.clone().key(key), P::EmptyList);
                        }
                        let parsed = items
                            .iter()
                            .enumerate()
                            .map(|(i, c)| Condition::parse(c, &path.clone().key(key).at(i)))
                            .collect::<Result<Vec<_>, _>>()?;
                        return Ok(match key {
                            "all" => Condition::All(parsed),
                            "any" => Condition::Any(parsed),
                            _ => Condition::AnyKnown(parsed),
                        });
                    }
                }
                if let Some(n) = map.get("at_least") {
                    if map.len() != 2 || !map.contains_key("of") {
                        return err(path.clone(), P::AtLeastOf);
                    }
                    let Some(n) = n.as_u64().and_then(|n| usize::try_from(n).ok()) else {
                        return err(path.clone().key("at_least"), P::ExpectedWhole);
                    };
                    let Some(Json::Array(items)) = map.get("of") else {
                        return err(path.clone().key("of"), P::ExpectedList);
                    };
                    if n == 0 || n > items.len() {
                        return err(path.clone().key("at_least"), P::AtLeastRange(items.len()));
                    }
                    let parsed = items
                        .iter()
                        .enumerate()
                        .map(|(i, c)| Condition::parse(c, &path.clone().key("of").at(i)))
                        .collect::<Result<Vec<_>, _>>()?;
                    return Ok(Condition::AtLeast(n, parsed));
                }
                if let Some(inner) = map.get("not") {
                    if map.len() != 1 {
                        return err(path.clone(), P::OnlyKey("not".into()));
                    }
                    let c = Condition::parse(inner, &path.clone().key("not"))?;
                    return Ok(Condition::Not(Box::new(c)));
                }
                let Some(fact) = map.get("fact") else {
                    return err(path.clone(), P::NotACondition);
                };
                let Json::String(fact) = fact else {
                    return err(path.clone().key("fact"), P::ExpectedFactId);
                };
                let ops: Vec<&String> = map.keys().filter(|k| *k != "fact").collect();
                if let Some(bad) = ops.iter().find(|k| !OPS.contains(&k.as_str())) {
                    return err(
                        path.clone().key(bad),
                        P::UnknownOperator {
                            given: (*bad).clone(),
                            known: &OPS,
                        },
                    );
                }
                if ops.len() != 1 {
                    return err(path.clone(), P::OneOperator);
                }
                let op = ops[0].as_str();
                let arg = &map[op];
                let at = path.clone().key(op);
                let fact = fact.clone();
                match op {
                    "gte" | "gt" | "lte" | "lt" if arg.get("fact").is_some() => {
                        let Some(Json::String(other)) = arg.get("fact") else {
                            return err(at.key("fact"), P::ExpectedFactId);
                        };
                        if arg.as_object().is_some_and(|o| o.len() != 1) {
                            return err(at, P::FactReference);
                        }
                        let op = numeric_op(op);
                        Ok(Condition::CmpFact {
                            fact,
                            op,
                            other: other.clone(),
                        })
                    }
                    "gte" | "gt" | "lte" | "lt" => {
                        let Some(n) = arg.as_f64() else {
                            return err(at, P::ExpectedNumber);
                        };
                        let op = numeric_op(op);
                        Ok(Condition::Cmp {
                            fact,
                            op,
                            value: Value::Num(n),
                        })
                    }
                    "eq" | "ne" => {
                        let Some(value) = Value::from_json(arg) else {
                            return err(at, P::NotScalar);
                        };
                        let op = if op == "eq" { Op::Eq } else { Op::Ne };
                        Ok(Condition::Cmp { fact, op, value })
                    }
                    "in" => {
                        let values = arg
                            .as_array()
                            .filter(|a| !a.is_empty())
                            .map(|a| a.iter().map(Value::from_json).collect::<Option<Vec<_>>>());
                        match values {
                            Some(Some(values)) => Ok(Condition::In { fact, values }),
                            _ => err(at, P::ExpectedScalars),
                        }
                    }
                    "contains" => match arg {
                        Json::String(code) => Ok(Condition::Contains {
                            fact,
                            code: code.clone(),
                        }),
                        _ => err(at, P::ExpectedCode),
                    },
                    "nonempty" => match arg {
                        Json::Bool(expect) => Ok(Condition::NonEmpty {
                            fact,
                            expect: *expect,
                        }),
                        _ => err(at, P::ExpectedBool),
                    },
                    _ => match arg {
                        Json::Bool(expect) => Ok(Condition::Present {
                            fact,
                            expect: *expect,
                        }),
                        _ => err(at, P::ExpectedBool),
                    },
                }
            }
            _ => err(path.clone(), P::NotTrueOrObject),
        }
    }

    /// Checks every fact reference against the known facts and their kinds.
    ///
    /// # Errors
    /// The first problem, at its place in the file.
    pub fn check(&self, kinds: &BTreeMap<String, FactKind>, path: &Field) -> Result<(), ProblemAt> {
        use ContentProblem as P;
        let kind_of = |fact: &str| {
            kinds.get(fact).ok_or_else(|| {
                P::Unknown {
                    what: Thing::Fact,
                    id: fact.to_owned(),
                }
                .at(path.clone().key("fact"))
            })
        };
        let check_code = |kind: &FactKind, v: &Value, at: Field| -> Result<(), ProblemAt> {
            match (kind, v) {
                (FactKind::Number, Value::Num(_))
                | (FactKind::Bool, Value::Bool(_))
                | (FactKind::Code(None), Value::Str(_)) => Ok(()),
                (FactKind::Code(Some(codes)), Value::Str(s)) if codes.contains(s) => Ok(()),
                (FactKind::Code(Some(codes)), Value::Str(s)) => Err(P::NotOneOf {
                    given: s.clone(),
                    codes: codes.clone(),
                }
                .at(at)),
                _ => Err(P::KindMismatch(format!("{kind:?}")).at(at)),
            }
        };
        match self {
            Condition::Always => Ok(()),
            Condition::All(parts) | Condition::Any(parts) | Condition::AnyKnown(parts) => {
                let key = match self {
                    Condition::All(_) => "all",
                    Condition::Any(_) => "any",
                    _ => "any_known",
                };
                for (i, p) in parts.iter().enumerate() {
                    p.check(kinds, &path.clone().key(key).at(i))?;
                }
                Ok(())
            }
            Condition::Not(c) => c.check(kinds, &path.clone().key("not")),
            Condition::AtLeast(_, parts) => {
                for (i, p) in parts.iter().enumerate() {
                    p.check(kinds, &path.clone().key("of").at(i))?;
                }
                Ok(())
            }
            Condition::Cmp { fact, op, value } => {
                let kind = kind_of(fact)?;
                if matches!(op, Op::Eq | Op::Ne) {
                    check_code(kind, value, path.clone())
                } else if *kind == FactKind::Number {
                    Ok(())
                } else {
                    Err(P::NotANumber(fact.clone()).at(path.clone()))
                }
            }
            Condition::CmpFact { fact, other, .. } => {
                for f in [fact, other] {
                    if *kind_of(f)? != FactKind::Number {
                        return Err(P::NotANumber(f.clone()).at(path.clone()));
                    }
                }
                Ok(())
            }
            Condition::In { fact, values } => {
                let kind = kind_of(fact)?;
                values
                    .iter()
                    .try_for_each(|v| check_code(kind, v, path.clone().key("in")))
            }
            Condition::Contains { fact, code } => match kind_of(fact)? {
                FactKind::List(codes) if codes.contains(code) => Ok(()),
                FactKind::List(codes) => Err(P::NotOneOf {
                    given: code.clone(),
                    codes: codes.clone(),
                }
                .at(path.clone().key("contains"))),
                _ => Err(P::NotAList(fact.clone()).at(path.clone())),
            },
            Condition::NonEmpty { fact, .. } => match kind_of(fact)? {
                FactKind::List(_) => Ok(()),
                _ => Err(P::NotAList(fact.clone()).at(path.clone())),
            },
            Condition::Present { fact, .. } => kind_of(fact).map(|_| ()),
        }
    }

    /// Evaluates the condition: `Some(true)` holds, `Some(false)` fails, `None` is unknown.
    #[must_use]
    pub fn eval(&self, facts: &Facts) -> Option<bool> {
        match self {
            Condition::Always => Some(true),
            Condition::All(parts) => {
                let mut unknown = false;
                for p in parts {
                    match p.eval(facts) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown {
                    None
                } else {
                    Some(true)
                }
            }
            Condition::Any(parts) => {
                let mut unknown = false;
                for p in parts {
                    match p.eval(facts) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                if unknown {
                    None
                } else {
                    Some(false)
                }
            }
            Condition::AnyKnown(parts) => {
                let results: Vec<Option<bool>> = parts.iter().map(|p| p.eval(facts)).collect();
                if results.contains(&Some(true)) {
                    Some(true)
                } else if results.contains(&Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            Condition::Not(c) => c.eval(facts).map(|b| !b),
            Condition::AtLeast(n, parts) => {
                let (mut hold, mut unknown) = (0, 0);
                for p in parts {
                    match p.eval(facts) {
                        Some(true) => hold += 1,
                        None => unknown += 1,
                        Some(false) => {}
                    }
                }
                if hold >= *n {
                    Some(true)
                } else if hold + unknown < *n {
                    Some(false)
                } else {
                    None
                }
            }
            Condition::Cmp { fact, op, value } => {
                let known = facts.get(fact)?;
                Some(match (known, value) {
                    (Value::Num(a), Value::Num(b)) => match op {
                        Op::Gte => a >= b,
                        Op::Gt => a > b,
                        Op::Lte => a <= b,
                        Op::Lt => a < b,
                        Op::Eq => (a - b).abs() < f64::EPSILON,
                        Op::Ne => (a - b).abs() >= f64::EPSILON,
                    },
                    (a, b) => match op {
                        Op::Ne => a != b,
                        _ => a == b,
                    },
                })
            }
            Condition::CmpFact { fact, op, other } => {
                let (Value::Num(a), Value::Num(b)) = (facts.get(fact)?, facts.get(other)?) else {
                    return None;
                };
                Some(match op {
                    Op::Gte => a >= b,
                    Op::Gt => a > b,
                    Op::Lte => a <= b,
                    _ => a < b,
                })
            }
            Condition::In { fact, values } => {
                let known = facts.get(fact)?;
                Some(values.iter().any(|v| match (known, v) {
                    (Value::Num(a), Value::Num(b)) => (a - b).abs() < f64::EPSILON,
                    (a, b) => a == b,
                }))
            }
            Condition::Contains { fact, code } => match facts.get(fact)? {
                Value::List(l) => Some(l.contains(code)),
                _ => None,
            },
            Condition::NonEmpty { fact, expect } => match facts.get(fact)? {
                Value::List(l) => Some(l.is_empty() != *expect),
                _ => None,
            },
            Condition::Present { fact, expect } => Some(facts.contains_key(fact) == *expect),
        }
    }

    /// The facts of the tests that make this condition hold (for a condition that holds):
    /// every part of an `all`, the parts of an `any` that hold; nothing under a `not`. Used to
    /// say which answers raised a question.
    pub fn true_leaves<'a>(&'a self, facts: &Facts, out: &mut Vec<&'a str>) {
        if self.eval(facts) != Some(true) {
            return;
        }
        match self {
            Condition::Always | Condition::Not(_) => {}
            Condition::All(p)
            | Condition::Any(p)
            | Condition::AnyKnown(p)
            | Condition::AtLeast(_, p) => {
                for c in p {
                    c.true_leaves(facts, out);
                }
            }
            Condition::Cmp { fact, .. }
            | Condition::CmpFact { fact, .. }
            | Condition::In { fact, .. }
            | Condition::Contains { fact, .. }
            | Condition::NonEmpty { fact, .. } => out.push(fact),
            // "Not yet answered" is why a question is open, not an answer that raised it.
            Condition::Present { fact, expect } => {
                if *expect {
                    out.push(fact);
                }
            }
        }
    }

    /// Every fact the condition reads, for the `missing-data` warning.
    pub fn facts(&self, out: &mut BTreeSet<String>) {
        match self {
            Condition::Always => {}
            Condition::All(p)
            | Condition::Any(p)
            | Condition::AnyKnown(p)
            | Condition::AtLeast(_, p) => {
                for c in p {
                    c.facts(out);
                }
            }
            Condition::Not(c) => c.facts(out),
            Condition::CmpFact { fact, other, .. } => {
                out.insert(fact.clone());
                out.insert(other.clone());
            }
            Condition::Cmp { fact, .. }
            | Condition::In { fact, .. }
            | Condition::Contains { fact, .. }
            | Condition::NonEmpty { fact, .. }
            | Condition::Present { fact, .. } => {
                out.insert(fact.clone());
            }
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Num(n) => write!(f, "{}", num_json(*n)),
            Value::Str(s) => write!(f, "{s}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::List(l) => write!(f, "[{}]", l.join(", ")),
        }
    }
}

/// The condition in the notation trainers read: `cat.total ≥ 10 or mrc.grade ≥ 3`.
impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sym = |op: &Op| match op {
            Op::Gte => "≥",
            Op::Gt => ">",
            Op::Lte => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
            Op::Ne => "≠",
        };
        let join = |f: &mut std::fmt::Formatter<'_>, parts: &[Condition], word: &str| {
            let texts: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    Condition::All(_)
                    | Condition::Any(_)
                    | Condition::AnyKnown(_)
                    | Condition::AtLeast(..) => {
                        format!("({p})")
                    }
                    _ => p.to_string(),
                })
                .collect();
            write!(f, "{}", texts.join(word))
        };
        match self {
            Condition::Always => write!(f, "altid / always"),
            Condition::All(p) => join(f, p, " og "),
            Condition::Any(p) | Condition::AnyKnown(p) => join(f, p, " eller "),
            Condition::Not(c) => write!(f, "ikke ({c})"),
            Condition::AtLeast(n, p) => {
                write!(f, "mindst {n} af: ")?;
                join(f, p, "; ")
            }
            Condition::Cmp { fact, op, value } => write!(f, "{fact} {} {value}", sym(op)),
            Condition::CmpFact { fact, op, other } => write!(f, "{fact} {} {other}", sym(op)),
            Condition::In { fact, values } => {
                let v: Vec<String> = values.iter().map(ToString::to_string).collect();
                write!(f, "{fact} ∈ {{{}}}", v.join(", "))
            }
            Condition::Contains { fact, code } => write!(f, "{code} ∈ {fact}"),
            Condition::NonEmpty { fact, expect: true } => write!(f, "{fact} ≠ ∅"),
            Condition::NonEmpty {
                fact,
                expect: false,
            } => write!(f, "{fact} = ∅"),
            Condition::Present { fact, expect: true } => write!(f, "{fact} kendt"),
            Condition::Present {
                fact,
                expect: false,
            } => write!(f, "{fact} ukendt"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn facts(pairs: &[(&str, Value)]) -> Facts {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    fn cond(j: &Json) -> Condition {
        Condition::parse(j, &Field::root()).unwrap()
    }

    #[test]
    fn conditions_read_as_trainers_write_them() {
        let c = cond(
            &json!({"any_known": [{"fact": "cat.total", "gte": 10}, {"fact": "mrc.grade", "gte": 3}]}),
        );
        assert_eq!(c.to_string(), "cat.total ≥ 10 eller mrc.grade ≥ 3");
        let c = cond(
            &json!({"all": [{"fact": "gold.group", "eq": "E"}, {"any": [{"fact": "x", "lt": 1}, {"fact": "y", "in": [1, 2]}]}]}),
        );
        assert_eq!(c.to_string(), "gold.group = E og (x < 1 eller y ∈ {1, 2})");
    }

    #[test]
    fn comparisons_hold_exactly_at_their_boundaries() {
        let f = facts(&[("x", Value::Num(10.0))]);
        let cases = [
            (json!({"fact": "x", "gte": 10}), true),
            (json!({"fact": "x", "gt": 10}), false),
            (json!({"fact": "x", "lte": 10}), true),
            (json!({"fact": "x", "lt": 10}), false),
            (json!({"fact": "x", "eq": 10}), true),
            (json!({"fact": "x", "ne": 10}), false),
            (json!({"fact": "x", "in": [9, 10]}), true),
        ];
        for (c, expected) in cases {
            assert_eq!(cond(&c).eval(&f), Some(expected), "{c}");
        }
    }

    #[test]
    fn a_test_of_an_unknown_fact_is_unknown_not_false() {
        let f = Facts::new();
        assert_eq!(cond(&json!({"fact": "x", "gte": 1})).eval(&f), None);
        assert_eq!(
            cond(&json!({"not": {"fact": "x", "gte": 1}})).eval(&f),
            None
        );
        assert_eq!(
            cond(&json!({"fact": "x", "present": false})).eval(&f),
            Some(true)
        );
    }

    #[test]
    fn at_least_counts_holding_parts_and_stays_unknown_while_the_unknown_ones_could_decide() {
        let f = facts(&[("a", Value::Bool(true)), ("b", Value::Bool(false))]);
        let c = |n: u64| {
            cond(&json!({"at_least": n, "of": [
                {"fact": "a", "eq": true}, {"fact": "b", "eq": true}, {"fact": "c", "eq": true}
            ]}))
        };
        // a holds, b fails, c unknown.
        assert_eq!(c(1).eval(&f), Some(true));
        assert_eq!(c(2).eval(&f), None);
        assert_eq!(c(3).eval(&f), Some(false));
        let mut known = f.clone();
        known.insert("c".into(), Value::Bool(true));
        assert_eq!(c(2).eval(&known), Some(true));
        known.insert("c".into(), Value::Bool(false));
        assert_eq!(c(2).eval(&known), Some(false));
        assert_eq!(
            c(2).to_string(),
            "mindst 2 af: a = true; b = true; c = true"
        );
        for bad in [
            json!({"at_least": 0, "of": [{"fact": "a", "eq": true}]}),
            json!({"at_least": 2, "of": [{"fact": "a", "eq": true}]}),
            json!({"at_least": 1}),
            json!({"at_least": "1", "of": [{"fact": "a", "eq": true}]}),
        ] {
            assert!(Condition::parse(&bad, &Field::root()).is_err(), "{bad}");
        }
    }

    #[test]
    fn all_and_any_follow_three_valued_logic() {
        let f = facts(&[("a", Value::Num(1.0))]);
        let t = json!({"fact": "a", "eq": 1});
        let fl = json!({"fact": "a", "eq": 2});
        let u = json!({"fact": "b", "eq": 1});
        assert_eq!(cond(&json!({"all": [t, u]})).eval(&f), None);
        assert_eq!(cond(&json!({"all": [fl, u]})).eval(&f), Some(false));
        assert_eq!(cond(&json!({"any": [t, u]})).eval(&f), Some(true));
        assert_eq!(cond(&json!({"any": [fl, u]})).eval(&f), None);
        assert_eq!(cond(&json!({"any_known": [fl, u]})).eval(&f), Some(false));
        assert_eq!(cond(&json!({"any_known": [u]})).eval(&f), None);
    }

    #[test]
    fn a_fact_can_be_compared_with_another_fact() {
        let f = facts(&[("hba1c", Value::Num(58.0)), ("target", Value::Num(53.0))]);
        assert_eq!(
            cond(&json!({"fact": "hba1c", "gt": {"fact": "target"}})).eval(&f),
            Some(true)
        );
        assert_eq!(
            cond(&json!({"fact": "hba1c", "lte": {"fact": "target"}})).eval(&f),
            Some(false)
        );
        assert_eq!(
            cond(&json!({"fact": "hba1c", "gt": {"fact": "nope"}})).eval(&f),
            None
        );
    }

    #[test]
    fn list_operators_read_list_facts() {
        let f = facts(&[("flags", Value::List(vec!["cauda_equina".into()]))]);
        assert_eq!(
            cond(&json!({"fact": "flags", "nonempty": true})).eval(&f),
            Some(true)
        );
        assert_eq!(
            cond(&json!({"fact": "flags", "contains": "cauda_equina"})).eval(&f),
            Some(true)
        );
        let empty = facts(&[("flags", Value::List(vec![]))]);
        assert_eq!(
            cond(&json!({"fact": "flags", "nonempty": true})).eval(&empty),
            Some(false)
        );
    }

    #[test]
    fn malformed_conditions_name_their_path_and_problem() {
        use ContentProblem as P;
        let cases = [
            (
                json!({"fact": "x", "gte=": 1}),
                "$.gte=",
                P::UnknownOperator {
                    given: "gte=".into(),
                    known: &OPS,
                },
            ),
            (json!({"all": [{"fact": "x"}]}), "$.all[0]", P::OneOperator),
            (json!({"any": []}), "$.any", P::EmptyList),
            (
                json!({"fact": "x", "gte": "ten"}),
                "$.gte",
                P::ExpectedNumber,
            ),
            (json!(false), "$", P::NotTrueOrObject),
            (json!({"not": {"foo": 1}}), "$.not", P::NotACondition),
            (
                json!({"at_least": 3, "of": [true, true]}),
                "$.at_least",
                P::AtLeastRange(2),
            ),
        ];
        for (c, path, problem) in cases {
            let e = Condition::parse(&c, &Field::root()).unwrap_err();
            assert_eq!(e.path, path, "{c}");
            assert_eq!(e.problem, problem, "{c}");
        }
        // A path inside a file carries on from where the condition stands.
        let at = Field::of("rules").at(2).key("when");
        let e = Condition::parse(&json!({"any": [{"fact": "x", "in": []}]}), &at).unwrap_err();
        assert_eq!(e.path, "rules[2].when.any[0].in");
        assert_eq!(e.problem, P::ExpectedScalars);
    }

    #[test]
    fn checking_rejects_unknown_facts_and_wrong_codes() {
        use ContentProblem as P;
        let mut kinds = BTreeMap::new();
        kinds.insert(
            "smoking".to_owned(),
            FactKind::Code(Some(vec!["current".into()])),
        );
        kinds.insert("n".to_owned(), FactKind::Number);
        let check = |j| cond(&j).check(&kinds, &Field::root());
        assert!(check(json!({"fact": "smoking", "eq": "current"})).is_ok());
        assert!(check(json!({"fact": "n", "gte": 1})).is_ok());
        let e = check(json!({"fact": "smoking", "eq": "yes"})).unwrap_err();
        assert_eq!(
            e.problem,
            P::NotOneOf {
                given: "yes".into(),
                codes: vec!["current".into()]
            }
        );
        let e = check(json!({"fact": "nope", "gte": 1})).unwrap_err();
        assert_eq!(
            (e.path.to_string(), e.problem.kind()),
            (
                "fact".into(),
                P::Unknown {
                    what: Thing::Fact,
                    id: String::new()
                }
                .kind()
            )
        );
        let e = check(json!({"fact": "smoking", "gte": 1})).unwrap_err();
        assert_eq!(e.problem, P::NotANumber("smoking".into()));
    }
}
