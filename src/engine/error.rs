//! Error types, one per phase: loading content, validating an input.

use thiserror::Error;

/// A pathway or shared content file that failed to parse or validate.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}: {path}: {message}")]
pub struct ContentError {
    /// The file, e.g. `kol.json`.
    pub file: String,
    /// The JSON path inside the file, e.g. `$.differentiation.rules[2].when`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl ContentError {
    pub(crate) fn new(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        ContentError {
            file: file.to_owned(),
            path: path.into(),
            message: message.into(),
        }
    }
}

/// One problem with an assessment input, naming the field (a JSON path such as
/// `instruments.cat[3]` or `measurements.fev1_pct_pred`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {message}")]
pub struct InputError {
    /// The field, as a JSON path from the input's root.
    pub field: String,
    /// What is wrong, in English (hosts and the command line read it).
    pub message: String,
    /// The same in Danish, for the GP in the widget.
    pub message_da: String,
}

impl InputError {
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        InputError {
            field: field.into(),
            message_da: message.clone(),
            message,
        }
    }

    pub(crate) fn bilingual(field: impl Into<String>, en: String, da: String) -> Self {
        InputError {
            field: field.into(),
            message: en,
            message_da: da,
        }
    }

    /// The message in `lang`.
    #[must_use]
    pub fn message_in(&self, lang: crate::engine::Lang) -> &str {
        match lang {
            crate::engine::Lang::Da => &self.message_da,
            crate::engine::Lang::En => &self.message,
        }
    }
}

/// All problems found in one input (never empty).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InputErrors(pub Vec<InputError>);
