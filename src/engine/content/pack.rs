//! Regional content packs: a region's own pathway files, checked by the same loader as the
//! built-in ones (`pakkeforloeb pack DIR -o region.pack`) and given to the widget by the host
//! without a rebuild.
//!
//! A pack is JSON: `{ "schema": "pakkeforloeb/pack@1", "name", "version", "sha256", "payload" }`,
//! where `payload` is the checked content packed with postcard, in base64, and `sha256` the
//! SHA-256 of those bytes. The widget checks the hash before it decodes anything, so a pack
//! changed or cut short on its way is refused, never half read; the widget then keeps the
//! built-in content. The hash proves integrity, not origin: the host decides which packs it
//! serves.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Content;
use crate::engine::error::{ContentError, ContentProblem, ProblemAt};

/// The schema of a pack.
pub const PACK_SCHEMA: &str = "pakkeforloeb/pack@1";

/// Which pack a content came from: shown in the widget's footer and recorded in every plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackInfo {
    /// The pack's name, e.g. "Region Hovedstaden".
    pub name: String,
    /// The pack's own version.
    pub version: String,
    /// SHA-256 of the packed content (hex).
    pub sha256: String,
}

/// Why a regional pack was refused: when it is read, when it is made, or when a plan made with
/// one is read with another. Hosts read the message (`options.content`, the `pack` command).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PackError {
    /// The pack's name or version is empty.
    #[error("{0}: the pack's {0} is empty")]
    LabelEmpty(&'static str),
    /// The pack's name or version is too long.
    #[error("{0}: longer than {LABEL_MAX} characters")]
    LabelTooLong(&'static str),
    /// The pack's name or version holds control or bidirectional formatting characters.
    #[error("{0}: holds control or text-direction characters")]
    LabelControl(&'static str),
    /// Not the JSON of a pack (the parser's message).
    #[error("not a content pack: {0}")]
    NotAPack(String),
    /// Another schema (its first 40 characters).
    #[error("schema \"{0}\" is not \"{PACK_SCHEMA}\"")]
    Schema(String),
    /// The payload is not base64.
    #[error("the payload is not base64")]
    NotBase64,
    /// The payload does not match its hash.
    #[error("the content does not match its SHA-256 (expected {expected}, got {got}): the pack was changed or cut short")]
    Hash {
        /// The hash the pack gives (its first 64 characters).
        expected: String,
        /// The hash of the payload.
        got: String,
    },
    /// The payload does not decode into this build's types.
    #[error("the content does not fit this version of the widget")]
    DoesNotFit,
    /// The content could not be packed (postcard's message).
    #[error("the content could not be packed: {0}")]
    Encode(String),
    /// The built-in content, which the safety floor compares with, does not load.
    #[error("{0}")]
    Builtin(ContentError),
    /// An acute gate of the built-in content is missing.
    #[error(
        "the pack leaves out the acute safety gate '{0}': a region cannot remove an acute gate"
    )]
    GateRemoved(String),
    /// An acute gate of the built-in content is changed.
    #[error("the pack changes the acute safety gate '{0}' (its condition, urgency or what it holds back): a region cannot weaken an acute gate")]
    GateChanged(String),
    /// A source or warning the loader would refuse.
    #[error("{0}")]
    Content(ProblemAt),
    /// A warning id the engine raises itself.
    #[error("{0}")]
    Warning(ContentProblem),
    /// A plan made with a regional pack, read with other content.
    #[error("the plan was made with {}: give that pack as options.content", named(.0))]
    PlanMadeWithPack(PackInfo),
    /// A plan made with the built-in content, read with a regional pack.
    #[error("the plan was made with the built-in content, not {}: leave options.content out", .0.as_ref().map_or_else(String::new, named))]
    PlanMadeWithBuiltin(Option<PackInfo>),
}

fn named(p: &PackInfo) -> String {
    format!(
        "the regional pack {} {} (sha256 {})",
        p.name, p.version, p.sha256
    )
}

#[derive(Serialize, Deserialize)]
struct PackFile {
    schema: String,
    name: String,
    version: String,
    sha256: String,
    payload: String,
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let v = B64.iter().position(|b| *b == c)?;
        acc = acc << 6 | u32::try_from(v).ok()?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from(acc >> bits & 0xff).ok()?);
        }
    }
    Some(out)
}

/// The longest pack name or version: the footer shows it and every plan records it.
const LABEL_MAX: usize = 80;

/// A pack's name or version: shown to the GP in the footer and recorded in every plan, so it
/// must be short plain text: not empty, at most [`LABEL_MAX`] characters, no control or
/// bidirectional formatting characters (which could make the footer name another region).
fn check_label(field: &'static str, text: &str) -> Result<(), PackError> {
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if text.trim().is_empty() {
        Err(PackError::LabelEmpty(field))
    } else if text.chars().count() > LABEL_MAX {
        Err(PackError::LabelTooLong(field))
    } else if text.chars().any(|c| c.is_control() || bidi(c)) {
        Err(PackError::LabelControl(field))
    } else {
        Ok(())
    }
}

impl Content {
    /// This content as a regional pack named `name`, version `version` (JSON text).
    ///
    /// # Errors
    /// What could not be packed.
    pub fn to_pack(&self, name: &str, version: &str) -> Result<String, PackError> {
        check_label("name", name)?;
        check_label("version", version)?;
        let builtin = Content::builtin().map_err(PackError::Builtin)?;
        self.check_safety_floor(&builtin)?;
        let bytes = self.pack().map_err(PackError::Encode)?;
        let file = PackFile {
            schema: PACK_SCHEMA.into(),
            name: name.into(),
            version: version.into(),
            sha256: crate::engine::text::sha256_hex(&bytes),
            payload: base64_encode(&bytes),
        };
        serde_json::to_string(&file).map_err(|e| PackError::Encode(e.to_string()))
    }

    /// Reads a regional pack: checks its schema and its hash, then decodes it.
    ///
    /// # Errors
    /// A message saying what is wrong (not a pack, another schema, a hash that does not match,
    /// content this build cannot read).
    pub fn from_pack(text: &str) -> Result<Content, PackError> {
        let file: PackFile =
            serde_json::from_str(text).map_err(|e| PackError::NotAPack(e.to_string()))?;
        if file.schema != PACK_SCHEMA {
            return Err(PackError::Schema(file.schema.chars().take(40).collect()));
        }
        check_label("name", &file.name)?;
        check_label("version", &file.version)?;
        let bytes = base64_decode(&file.payload).ok_or(PackError::NotBase64)?;
        let sha256 = crate::engine::text::sha256_hex(&bytes);
        if sha256 != file.sha256 {
            return Err(PackError::Hash {
                expected: file.sha256.chars().take(64).collect(),
                got: sha256,
            });
        }
        let mut content: Content =
            postcard::from_bytes(&bytes).map_err(|_| PackError::DoesNotFit)?;
        let builtin = Content::builtin().map_err(PackError::Builtin)?;
        content.check_safety_floor(&builtin)?;
        content.pack = Some(PackInfo {
            name: file.name,
            version: file.version,
            sha256,
        });
        Ok(content)
    }

    /// [`Content::from_pack`], kept for the next call with the same text: a host that plans with
    /// a regional pack passes it with every `computePlan` call, and decoding it each time would
    /// cost more than the plan.
    ///
    /// # Errors
    /// As [`Content::from_pack`].
    pub fn from_pack_cached(text: &str) -> Result<std::sync::Arc<Content>, PackError> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<(String, std::sync::Arc<Content>)>> =
                const { std::cell::RefCell::new(None) };
        }
        if let Some(c) = LAST.with_borrow(|last| {
            last.as_ref()
                .filter(|(t, _)| t == text)
                .map(|(_, c)| c.clone())
        }) {
            return Ok(c);
        }
        let content = std::sync::Arc::new(Content::from_pack(text)?);
        LAST.set(Some((text.to_owned(), content.clone())));
        Ok(content)
    }

    /// The safety floor of a regional pack: a region may change thresholds and offers, but the
    /// acute gates (red flags, cauda equina, NYHA IV, suicidal thoughts) stay exactly as the
    /// built-in content has them, and the pack passes the checks the loader makes on sources
    /// and warning ids (a pack is decoded, not loaded, so a re-hashed pack could otherwise
    /// drop a gate or put a `javascript:` link before the GP).
    ///
    /// # Errors
    /// The first gate removed or changed, or the first source or warning the loader would refuse.
    pub fn check_safety_floor(&self, builtin: &Content) -> Result<(), PackError> {
        let owner = |c: &Content, id: &str| -> Option<Option<String>> {
            if c.common_gates.iter().any(|g| g.id == id) {
                return Some(None);
            }
            c.pathways
                .iter()
                .find(|(_, p)| p.gates.iter().any(|g| g.id == id))
                .map(|(k, _)| Some(k.clone()))
        };
        for g in builtin
            .gates()
            .filter(|g| g.then.kind == super::GateKind::Acute)
        {
            let home = owner(builtin, &g.id).flatten();
            // A pathway the pack does not have cannot be chosen, so neither can its gates fire.
            if home
                .as_ref()
                .is_some_and(|p| !self.pathways.contains_key(p))
            {
                continue;
            }
            let Some(mine) = self.gates().find(|x| x.id == g.id) else {
                return Err(PackError::GateRemoved(g.id.clone()));
            };
            let (a, b) = (&mine.then, &g.then);
            let same = owner(self, &g.id).flatten() == home
                && mine.when == g.when
                && a.kind == b.kind
                && a.scope == b.scope
                && a.applies == b.applies
                && a.urgency == b.urgency
                && a.after_action == b.after_action
                && a.holds_exercise == b.holds_exercise
                && a.blocks == b.blocks;
            if !same {
                return Err(PackError::GateChanged(g.id.clone()));
            }
        }
        for (id, s) in &self.sources {
            super::load::check_source(id, s).map_err(PackError::Content)?;
        }
        let warnings = self
            .gates()
            .filter_map(|g| g.then.warning.as_deref())
            .chain(self.common.warnings.iter().map(|r| r.then.as_str()))
            .chain(
                self.pathways
                    .values()
                    .flat_map(|p| p.rules.warnings.iter().map(|r| r.then.as_str())),
            );
        for w in warnings {
            super::load::reserved_warning(w).map_err(PackError::Warning)?;
        }
        Ok(())
    }

    /// Whether a plan that records `plan_pack` (its `content_pack`) was made with this content:
    /// the same pack bytes, or both the built-in content.
    #[must_use]
    pub fn made(&self, plan_pack: Option<&PackInfo>) -> bool {
        plan_pack.map(|p| &p.sha256) == self.pack.as_ref().map(|p| &p.sha256)
    }

    /// [`Content::made`], as the error a host reads: its export then reads the same rules,
    /// offers and codes as the plan.
    ///
    /// # Errors
    /// Which content the plan was made with and what to give instead.
    pub fn check_plan_pack(&self, plan_pack: Option<&PackInfo>) -> Result<(), PackError> {
        if self.made(plan_pack) {
            return Ok(());
        }
        match plan_pack {
            Some(a) => Err(PackError::PlanMadeWithPack(a.clone())),
            None => Err(PackError::PlanMadeWithBuiltin(self.pack.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        for n in 0..10u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(97)).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)).unwrap(), bytes, "{n}");
        }
        assert_eq!(base64_encode(b"pak"), "cGFr");
        assert_eq!(base64_encode(b"pa"), "cGE=");
        assert!(base64_decode("c*Fr").is_none());
    }

    #[test]
    fn a_pack_reads_back_and_a_changed_one_is_refused() {
        let content = Content::builtin_from_files().unwrap();
        let text = content.to_pack("Region Test", "2027.1").unwrap();
        let back = Content::from_pack(&text).unwrap();
        assert_eq!(back.pack.as_ref().unwrap().name, "Region Test");
        assert_eq!(back.pathways.len(), content.pathways.len());
        // One payload character changed: the hash no longer matches.
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let payload = v["payload"].as_str().unwrap().to_owned();
        let flipped = if payload.starts_with('A') { "B" } else { "A" };
        v["payload"] = serde_json::json!(format!("{flipped}{}", &payload[1..]));
        let err = Content::from_pack(&v.to_string()).unwrap_err();
        assert!(
            matches!(&err, PackError::Hash { expected, .. } if *expected == v["sha256"]),
            "{err}"
        );
        assert!(
            err.to_string().contains("does not match its SHA-256"),
            "{err}"
        );
        let err = Content::from_pack("{\"schema\": \"x\"}").unwrap_err();
        assert!(matches!(err, PackError::NotAPack(_)), "{err}");
        let other = text.replace(PACK_SCHEMA, "pakkeforloeb/pack@9");
        let err = Content::from_pack(&other).unwrap_err();
        assert_eq!(err, PackError::Schema("pakkeforloeb/pack@9".into()));
    }

    #[test]
    fn a_pack_names_itself_in_short_plain_text() {
        let content = Content::builtin_from_files().unwrap();
        for (name, version, wanted, message) in [
            (
                "",
                "1",
                PackError::LabelEmpty("name"),
                "name: the pack's name is empty",
            ),
            (
                "Region A",
                "  ",
                PackError::LabelEmpty("version"),
                "version: the pack's version is empty",
            ),
            (
                &*"x".repeat(81),
                "1",
                PackError::LabelTooLong("name"),
                "name: longer than 80 characters",
            ),
            (
                "Region\u{202e}A",
                "1",
                PackError::LabelControl("name"),
                "name: holds control",
            ),
            (
                "Region A",
                "1\n2",
                PackError::LabelControl("version"),
                "version: holds control",
            ),
        ] {
            let err = content.to_pack(name, version).unwrap_err();
            assert_eq!(err, wanted, "{name:?} {version:?}");
            assert!(err.to_string().starts_with(message), "{err}");
        }
        // A pack written elsewhere with such a name is refused when read.
        let good = content.to_pack("Region A", "1").unwrap();
        let bad = good.replace("\"name\":\"Region A\"", "\"name\":\"Region \\u202eA\"");
        assert_ne!(good, bad);
        assert_eq!(
            Content::from_pack(&bad).unwrap_err(),
            PackError::LabelControl("name")
        );
        assert!(content.to_pack(&"å".repeat(80), "2027.1").is_ok());
    }

    #[test]
    fn the_same_pack_is_decoded_once_and_another_one_again() {
        let content = Content::builtin_from_files().unwrap();
        let a = content.to_pack("Region A", "1").unwrap();
        let b = content.to_pack("Region B", "1").unwrap();
        let first = Content::from_pack_cached(&a).unwrap();
        assert!(std::sync::Arc::ptr_eq(
            &first,
            &Content::from_pack_cached(&a).unwrap()
        ));
        let other = Content::from_pack_cached(&b).unwrap();
        assert_eq!(other.pack.as_ref().unwrap().name, "Region B");
        assert!(!std::sync::Arc::ptr_eq(
            &first,
            &Content::from_pack_cached(&a).unwrap()
        ));
        // A bad pack is refused every time, never served from the cache.
        let cut = &a[..a.len() - 10];
        assert!(Content::from_pack_cached(cut).is_err());
        assert!(Content::from_pack_cached(cut).is_err());
    }

    #[test]
    fn a_plan_is_read_only_with_the_content_it_was_made_with() {
        let builtin = Content::builtin_from_files().unwrap();
        let region = Content::from_pack(&builtin.to_pack("Region A", "1").unwrap()).unwrap();
        let other = Content::from_pack(&builtin.to_pack("Region B", "2").unwrap()).unwrap();
        let made_with = region.pack.clone().unwrap();
        assert_eq!(builtin.check_plan_pack(None), Ok(()));
        assert_eq!(region.check_plan_pack(Some(&made_with)), Ok(()));
        let err = builtin.check_plan_pack(Some(&made_with)).unwrap_err();
        assert_eq!(err, PackError::PlanMadeWithPack(made_with.clone()));
        let text = err.to_string();
        assert!(
            text.contains("the regional pack Region A 1") && text.contains("give that pack"),
            "{text}"
        );
        // Same files, another name: still the same bytes, so the same rules.
        assert_eq!(other.check_plan_pack(Some(&made_with)), Ok(()));
        let err = region.check_plan_pack(None).unwrap_err();
        assert_eq!(err, PackError::PlanMadeWithBuiltin(region.pack.clone()));
        let text = err.to_string();
        assert!(
            text.contains("built-in content") && text.contains("leave options.content out"),
            "{text}"
        );
    }
}
