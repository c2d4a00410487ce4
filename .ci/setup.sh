#!/usr/bin/env bash
# Installs whatever this machine is missing to build, serve and test the widget.
# Every step is skipped when its tool is already present at the pinned version,
# so a second run takes seconds. Order: the rustup target, apt packages, cargo tools at pinned
# versions, npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than this machine has
need_browser=${NEED_BROWSER:-1}

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The three browsers a GP portal uses, from Debian's packages: Chromium (+ its driver for the
# wasm-bindgen suite), Firefox ESR (driven over WebDriver BiDi) and WebKitGTK's MiniBrowser with
# WebKitWebDriver (under Xvfb), and the Danish locale and language packs their date fields use.
BROWSER_PACKAGES="chromium chromium-driver firefox-esr firefox-esr-l10n-da webkit2gtk-driver xvfb locales"
if [ "$need_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] \
    || [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || ! command -v Xvfb >/dev/null \
    || [ ! -f /usr/lib/firefox-esr/browser/extensions/langpack-da@firefox-esr.mozilla.org.xpi ] || ! locale -a 2>/dev/null | grep -qi '^da_DK.utf-\?8$'; }; then
  log "installing Debian's browsers: $BROWSER_PACKAGES"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $BROWSER_PACKAGES >/dev/null
  if ! locale -a 2>/dev/null | grep -qi '^da_DK.utf-\?8$'; then
    $SUDO sed -i 's/^# *da_DK.UTF-8/da_DK.UTF-8/' /etc/locale.gen
    $SUDO locale-gen >/dev/null
  fi
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 8 minutes, once)"
  # No --locked: its lock file names a crate version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v trunk >/dev/null || [ "$(trunk --version | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  # --locked: without it a newer cssparser breaks the build.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

CARGO_FUZZ_VERSION=0.13.2
if ! command -v cargo-fuzz >/dev/null || [ "$(cargo fuzz --version | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes, once)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# leptosfmt formats the view! macros (rustfmt leaves them alone); `make fmt` checks both.
LEPTOSFMT_VERSION=0.1.33
if ! command -v leptosfmt >/dev/null || [ "$(leptosfmt --version | awk '{print $2}')" != "$LEPTOSFMT_VERSION" ]; then
  log "installing leptosfmt $LEPTOSFMT_VERSION (about 1 minute, once)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
log "ready"
