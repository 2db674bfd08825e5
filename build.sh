#!/usr/bin/env bash
# Builds, serves and tests the cookie-consent banner.
#   ./build.sh serve        build everything and serve the demo portal on http://localhost:8080/
#   ./build.sh test         run every test: native, js/wasm under node, end-to-end in Chromium,
#                           the visitor flows in Firefox and WebKit too
#   ./build.sh build        build dist/: the bundle, and dist/cookie-consent, the static server carrying it
#   ./build.sh image        build the container image (Containerfile) with podman or docker
#   ./build.sh fuzz [SECS]  fuzz the cookie, configuration and proof-submission decoders (default 30 s each)
#   ./build.sh screenshot   regenerate docs/banner.png, docs/panel.png and docs/operator.png
#   ./build.sh bench [ARGS] measure the banner against vanilla-cookieconsent (docs/performance.md, docs/bench.md)
#   ./build.sh load [ARGS]  load-test recording choices (proof of consent): throughput, p50/p99
#   ./build.sh crash [ARGS] SIGKILL the server under load and check every acknowledged choice
#   ./build.sh cluster [ARGS] two servers on one PostgreSQL behind a proxy, one SIGKILLed under load
#   ./build.sh gallery      regenerate docs/gallery/: every layout and theme, desktop and mobile
#   ./build.sh audit-screenshot  regenerate docs/audit-report.png, the HTML report of `cookie-consent audit`
set -euo pipefail
cd "$(dirname "$0")"

GOROOT_WASM="$(go env GOROOT)/lib/wasm"
DIST=dist

build() {
  npm_deps # the loader is minified with terser
  mkdir -p "$DIST"
  echo "build: wasm"
  # -l (no inlining) makes the raw wasm 10% larger but its brotli 5% smaller
  # (1.42 MB instead of 1.48 MB): less repeated code for brotli to find. The
  # panel opens as fast either way (measured show() to panel: the same within
  # noise, at 1x and 4x CPU); ./build.sh bench reports the size.
  GOOS=js GOARCH=wasm go build -trimpath -gcflags=all=-l -ldflags='-s -w' -o "$DIST/consent.wasm" .
  echo "build: compress"
  gzip -9 -n -c "$DIST/consent.wasm" >"$DIST/consent.wasm.gz"
  if command -v brotli >/dev/null 2>&1; then
    brotli -q 11 -f -o "$DIST/consent.wasm.br" "$DIST/consent.wasm"
  else
    rm -f "$DIST/consent.wasm.br"
    echo "build: brotli not installed, serving gzip only" >&2
  fi
  echo "build: loader"
  cp web/theme.css "$DIST/theme.css"
  node web/assemble.js web/consent.js "$GOROOT_WASM/wasm_exec.js" web/theme.css "$DIST/start.js" >"$DIST/consent.js"
  echo "build: server"
  # Static (no cgo: SQLite is pure Go) and self-contained: -tags embeddist
  # compiles the files above into the binary, so dist/cookie-consent runs
  # from any directory, or a scratch container, with no flag.
  CGO_ENABLED=0 go build -trimpath -tags embeddist \
    -ldflags="-s -w -X main.commit=$(git_commit)" -o "$DIST/cookie-consent" .
}

# git_commit is the commit being built, "-modified" when the work tree has
# uncommitted changes, "unknown" outside a git checkout.
git_commit() {
  local rev
  rev="$(git rev-parse --short=12 HEAD 2>/dev/null)" || { echo unknown; return; }
  if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    rev="$rev-modified"
  fi
  echo "$rev"
}

# image builds the container image from Containerfile with podman or docker;
# the build context is dist/ (the static binary and an empty data folder).
image() {
  local tool=""
  for t in podman docker; do
    if command -v "$t" >/dev/null 2>&1; then tool="$t"; break; fi
  done
  if [ -z "$tool" ]; then
    echo "image: neither podman nor docker is installed: install one (apt-get install -y podman) and run ./build.sh image again" >&2
    exit 1
  fi
  build
  mkdir -p "$DIST/image-data"
  local format=()
  # podman writes OCI images by default, which drop HEALTHCHECK.
  [ "$tool" = podman ] && format=(--format docker)
  "$tool" build "${format[@]}" -f Containerfile -t "${IMAGE:-cookie-consent:latest}" "$DIST"
}

npm_deps() {
  # npm ls fails when a pinned package is missing or at another version.
  if ! npm ls --depth=0 >/dev/null 2>&1; then
    npm ci --no-audit --no-fund
  fi
}

test_all() {
  require_postgres
  require_engines
  npm_deps
  build
  echo "test: vet"
  go vet ./...
  go vet -tags embeddist .
  GOOS=js GOARCH=wasm go vet . ./app/...
  echo "test: native (unit, server, end-to-end in Chromium; the visitor flows in $(engine_versions))"
  CONSENT_DIST="$PWD/$DIST" go test -count=1 ./...
  echo "test: the loader's JavaScript under node"
  node --test --test-reporter=dot web/test/*.test.cjs
  echo "test: web/consent.d.ts against the documentation's examples"
  npx --no-install tsc -p web/test/types
  echo "test: js/wasm under node"
  PATH="$GOROOT_WASM:$PATH" NODE_OPTIONS="--require $PWD/web/test/jsdom-setup.cjs" \
    GOOS=js GOARCH=wasm go test -count=1 . ./app/...
  echo "test: fuzz (a short run; ./build.sh fuzz for a longer one)"
  fuzz "${FUZZ_SECONDS:-10}"
}

# require_postgres fails early when CI asks for the PostgreSQL tests
# (CI_REQUIRE_POSTGRES=1, set by .ci/run) and no database is given: they
# must never be skipped there.
require_postgres() {
  if [ "${CI_REQUIRE_POSTGRES:-}" = 1 ] && [ -z "${CONSENT_TEST_POSTGRES:-}" ]; then
    echo "test: CI_REQUIRE_POSTGRES=1 but CONSENT_TEST_POSTGRES is not set" >&2
    exit 1
  fi
}

# require_engines fails early when CI asks for every browser engine
# (CI_REQUIRE_ENGINES=1, set by .ci/run) and one is missing: the visitor
# flows must run in Chromium, Firefox and WebKit there. Elsewhere a missing
# engine only skips its flows, and says so here.
require_engines() {
  local missing=()
  command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "${CI_REQUIRE_ENGINES:-}" = 1 ]; then
    echo "test: CI_REQUIRE_ENGINES=1 but ${missing[*]} is not installed" >&2
    exit 1
  fi
  echo "test: ${missing[*]} not installed: the visitor flows skip Firefox or WebKit (apt-get install -y ${missing[*]})" >&2
}

# engine_versions names the browsers the flows run in, as installed.
engine_versions() {
  local v=()
  v+=("$(chromium --version 2>/dev/null | awk '{print $1, $2}')")
  v+=("$( (firefox-esr --version || firefox --version) 2>/dev/null | sed 's/^Mozilla //')")
  v+=("WebKitGTK $(dpkg-query -W -f '${Version}' webkit2gtk-driver 2>/dev/null | cut -d- -f1)")
  local IFS=,
  echo "${v[*]}" | sed 's/,/, /g'
}

# proofbench runs cmd/proofbench (load, crash or cluster) against
# dist/cookie-consent, on SQLite and, when CONSENT_TEST_POSTGRES is set, on
# PostgreSQL too (cluster: on PostgreSQL only).
proofbench() {
  build
  go run ./cmd/proofbench "$@" -server "$DIST/cookie-consent" -dist "$DIST"
}

fuzz() {
  local secs="${1:-30}"
  go test ./app/consent -run '^$' -fuzz FuzzDecode -fuzztime "${secs}s" -fuzzminimizetime 5s
  go test ./app/config -run '^$' -fuzz FuzzParse -fuzztime "${secs}s" -fuzzminimizetime 5s
  go test ./proof -run '^$' -fuzz FuzzDecodeSubmission -fuzztime "${secs}s" -fuzzminimizetime 5s
}

# bench builds, then runs cmd/bench: both banners in headless Chromium, the
# report printed and written to docs/bench.md and docs/performance.md
# section. ARGS go to cmd/bench, e.g. -n 3 or -scenarios cold,return.
bench() {
  npm_deps
  build
  mkdir -p docs
  go run ./cmd/bench -dist "$DIST" -out docs/bench.md -readme docs/performance.md "$@"
}

case "${1:-}" in
  build) build ;;
  serve)
    build
    # -demo: the demo page's choices are recorded in .demo/proof.db (git-ignored),
    # and the operator pages' address is printed with a token made for this run.
    exec "$DIST/cookie-consent" -addr "${ADDR:-:8080}" -demo .demo "${@:2}"
    ;;
  test) test_all ;;
  image) image ;;
  fuzz) fuzz "${2:-30}" ;;
  load) proofbench load "${@:2}" ;;
  crash) proofbench crash "${@:2}" ;;
  cluster) proofbench cluster "${@:2}" ;;
  screenshot)
    build
    mkdir -p docs
    CONSENT_DIST="$PWD/$DIST" CONSENT_SCREENSHOTS="$PWD/docs" \
      go test -count=1 -run '^(TestFirstVisitShowsTheBanner|TestFooterLinkReopensThePanelWithTheCurrentChoice|TestOperatorPagesInFrenchWithAlignedControls)$' ./e2e
    ;;
  bench) bench "${@:2}" ;;
  audit-screenshot)
    build
    CONSENT_DIST="$PWD/$DIST" CONSENT_AUDIT_SCREENSHOT="$PWD/docs/audit-report.png" \
      go test -count=1 -run '^TestReportScreenshot$' ./internal/audit
    ;;
  gallery)
    build
    mkdir -p docs/gallery
    CONSENT_DIST="$PWD/$DIST" CONSENT_GALLERY="$PWD/docs/gallery" \
      go test -count=1 -run '^(TestGallery|TestIntegratorStyling|TestEngineGallery)$' ./e2e
    ;;
  *)
    sed -n '2,15p' "$0"
    exit 2
    ;;
esac
