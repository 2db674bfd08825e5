#!/usr/bin/env bash
# Builds, serves and tests the cookie-consent banner.
#   ./build.sh serve        build everything and serve the demo portal on http://localhost:8080/
#   ./build.sh test         run every test: native, js/wasm under node, end-to-end in Chromium
#   ./build.sh build        build dist/ only
#   ./build.sh fuzz [SECS]  fuzz the cookie decoder and the configuration loader (default 30 s each)
#   ./build.sh screenshot   regenerate docs/banner.png and docs/panel.png from the demo page
#   ./build.sh gallery      regenerate docs/gallery/: every layout and theme, desktop and mobile
set -euo pipefail
cd "$(dirname "$0")"

GOROOT_WASM="$(go env GOROOT)/lib/wasm"
DIST=dist

build() {
  mkdir -p "$DIST"
  echo "build: wasm"
  GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$DIST/consent.wasm" .
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
  node web/assemble.js web/consent.js "$GOROOT_WASM/wasm_exec.js" web/theme.css >"$DIST/consent.js"
  echo "build: server"
  go build -trimpath -o "$DIST/server" .
}

npm_deps() {
  if [ ! -d node_modules/jsdom ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
    npm ci --no-audit --no-fund
  fi
}

test_all() {
  npm_deps
  build
  echo "test: vet"
  go vet ./...
  GOOS=js GOARCH=wasm go vet . ./app/...
  echo "test: native (unit, server, end-to-end in Chromium)"
  CONSENT_DIST="$PWD/$DIST" go test -count=1 ./...
  echo "test: js/wasm under node"
  PATH="$GOROOT_WASM:$PATH" NODE_OPTIONS="--require $PWD/web/test/jsdom-setup.cjs" \
    GOOS=js GOARCH=wasm go test -count=1 . ./app/...
  echo "test: fuzz (a short run; ./build.sh fuzz for a longer one)"
  fuzz "${FUZZ_SECONDS:-10}"
}

fuzz() {
  local secs="${1:-30}"
  go test ./app/consent -run '^$' -fuzz FuzzDecode -fuzztime "${secs}s" -fuzzminimizetime 5s
  go test ./app/config -run '^$' -fuzz FuzzParse -fuzztime "${secs}s" -fuzzminimizetime 5s
}

case "${1:-}" in
  build) build ;;
  serve)
    build
    exec "$DIST/server" -addr "${ADDR:-:8080}" -dist "$DIST" "${@:2}"
    ;;
  test) test_all ;;
  fuzz) fuzz "${2:-30}" ;;
  screenshot)
    build
    mkdir -p docs
    CONSENT_DIST="$PWD/$DIST" CONSENT_SCREENSHOTS="$PWD/docs" \
      go test -count=1 -run '^(TestFirstVisitShowsTheBanner|TestFooterLinkReopensThePanelWithTheCurrentChoice)$' ./e2e
    ;;
  gallery)
    build
    mkdir -p docs/gallery
    CONSENT_DIST="$PWD/$DIST" CONSENT_GALLERY="$PWD/docs/gallery" \
      go test -count=1 -run '^(TestGallery|TestIntegratorStyling)$' ./e2e
    ;;
  *)
    sed -n '2,9p' "$0"
    exit 2
    ;;
esac
