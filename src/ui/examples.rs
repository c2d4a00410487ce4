//! Example patients for trainers (public/examples/), compiled in so they load with one click.

/// An example's JSON as the build script wrote it (src/build.rs: public/examples/ without the
/// indentation).
macro_rules! example {
    ($id:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/examples/", $id, ".json"))
    };
}

/// `(id, JSON)` of every example: title, Danish case vignette and an input@1.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("kol-1-let", example!("kol-1-let")),
    ("kol-2-ryger", example!("kol-2-ryger")),
    ("kol-3-indlagt", example!("kol-3-indlagt")),
    ("lrs-1-lav", example!("lrs-1-lav")),
    ("lrs-2-hoej", example!("lrs-2-hoej")),
    ("lrs-3-sygemeldt", example!("lrs-3-sygemeldt")),
    ("t2d-1-ny", example!("t2d-1-ny")),
    ("t2d-2-over-maal", example!("t2d-2-over-maal")),
    ("t2d-3-nyre", example!("t2d-3-nyre")),
    ("hjerte-1-iskaemi", example!("hjerte-1-iskaemi")),
    ("hjerte-2-svigt", example!("hjerte-2-svigt")),
    ("hjerte-3-klap", example!("hjerte-3-klap")),
    ("multi-1-to", example!("multi-1-to")),
    ("multi-2-kompleks", example!("multi-2-kompleks")),
    ("multi-3-tolk", example!("multi-3-tolk")),
    ("komb-1-kol-diabetes", example!("komb-1-kol-diabetes")),
    ("komb-2-kol-hjerte", example!("komb-2-kol-hjerte")),
    ("komb-3-alle", example!("komb-3-alle")),
];
