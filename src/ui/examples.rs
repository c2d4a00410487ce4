//! Example patients for trainers (public/examples/), compiled in so they load with one click.

/// `(id, JSON)` of an example, its JSON as the build script wrote it (src/build.rs:
/// public/examples/ without the indentation).
macro_rules! example {
    ($id:literal) => {
        (
            $id,
            include_str!(concat!(env!("OUT_DIR"), "/examples/", $id, ".json")),
        )
    };
}

/// `(id, JSON)` of every example: title, Danish case vignette and an input@1.
pub const EXAMPLES: &[(&str, &str)] = &[
    example!("kol-1-let"),
    example!("kol-2-ryger"),
    example!("kol-3-indlagt"),
    example!("lrs-1-lav"),
    example!("lrs-2-hoej"),
    example!("lrs-3-sygemeldt"),
    example!("t2d-1-ny"),
    example!("t2d-2-over-maal"),
    example!("t2d-3-nyre"),
    example!("hjerte-1-iskaemi"),
    example!("hjerte-2-svigt"),
    example!("hjerte-3-klap"),
    example!("multi-1-to"),
    example!("multi-2-kompleks"),
    example!("multi-3-tolk"),
    example!("komb-1-kol-diabetes"),
    example!("komb-2-kol-hjerte"),
    example!("komb-3-alle"),
];
