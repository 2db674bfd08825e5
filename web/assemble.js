// Assembles the loader served as consent.js: web/consent.js with the parts
// of web/loader/ (in the order below), Go's wasm_exec.js (from the same
// GOROOT as the wasm) and the theme inlined, then minified with terser (the
// loader is on every page view: every byte counts). CONSENT_DEBUG=1 skips
// the minification, for reading the loader in the browser.
// It also writes the start module (web/start/start.js, its parts and Go's
// wasm_exec.js), which the loader imports when the wasm comes (wasm.js:
// bootWasm): only a visitor who opens the panel downloads it.
// Usage: node web/assemble.js consent.js wasm_exec.js theme.css dist/start.js > dist/consent.js
"use strict";
const fs = require("fs");
const path = require("path");

// PARTS in the order they are inlined; each defines functions and
// constants only, so the order matters for readers, not for the code.
const PARTS = ["cookie.js", "language.js", "attributes.js", "events.js", "consentmode.js", "gate.js", "apply.js", "proof.js", "api.js", "html.js", "mount.js", "dialog.js", "focus.js", "firstlayer.js", "panel.js", "wasm.js"];
// START_PARTS, the same for the start module (web/start/).
const START_PARTS = ["compile.js", "go.js", "view.js"];

// The marks the server fills in at start (assets.go); they must survive
// minification as they are.
const SERVER_MARKS = ['"__CONSENT_WASM_URL__"', '"__CONSENT_START_URL__"', "__CONSENT_CONFIG__", "__CONSENT_PRERENDER__", "__CONSENT_PANEL__", "__CONSENT_PROOF__"];

// minifyCSS drops the theme's comments and the whitespace that means
// nothing (around braces, semicolons and commas): 1.2 KB less brotli on
// every page view. Whitespace elsewhere stays, as it can matter (".a :focus"
// is not ".a:focus"). dist/theme.css keeps the commented original.
function minifyCSS(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

async function main() {
  const [loaderPath, wasmExecPath, themePath, startOut] = process.argv.slice(2);
  if (!startOut) {
    throw new Error("usage: node web/assemble.js consent.js wasm_exec.js theme.css dist/start.js > dist/consent.js");
  }
  const [loader, wasmExec, theme] = [loaderPath, wasmExecPath, themePath].map((p) => fs.readFileSync(p, "utf8"));
  const parts = PARTS.map((p) => fs.readFileSync(path.join(path.dirname(loaderPath), "loader", p), "utf8")).join("\n");
  let out = loader
    .replace("/*__PARTS__*/", () => parts)
    .replace("__CONSENT_CSS__", () => JSON.stringify(process.env.CONSENT_DEBUG === "1" ? theme : minifyCSS(theme)));
  for (const mark of ["__PARTS__", "__CONSENT_CSS__"]) {
    if (out.includes(mark)) {
      throw new Error(mark + " left in the loader");
    }
  }
  const startDir = path.join(path.dirname(loaderPath), "start");
  let module = fs.readFileSync(path.join(startDir, "start.js"), "utf8")
    .replace("/*__PARTS__*/", () => START_PARTS.map((p) => fs.readFileSync(path.join(startDir, p), "utf8")).join("\n"))
    .replace("/*__WASM_EXEC__*/", () => wasmExec);
  for (const mark of ["__PARTS__", "__WASM_EXEC__"]) {
    if (module.includes(mark)) {
      throw new Error(mark + " left in the start module");
    }
  }
  if (process.env.CONSENT_DEBUG !== "1") {
    const { minify } = require("terser");
    const options = { compress: { passes: 2 }, mangle: true, format: { comments: false } };
    out = (await minify(out, options)).code + "\n";
    // Go's wasm_exec.js is under a BSD licence: its notice stays.
    const notice = wasmExec.match(/^(\/\/ .*\n)+/);
    module = "/*! wasm_exec.js:\n" + (notice ? notice[0].replace(/^\/\/ /gm, " ") : "") + "*/\n" +
      (await minify(module, { ...options, module: true })).code + "\n";
  }
  fs.writeFileSync(startOut, module);
  for (const mark of SERVER_MARKS) {
    if (!out.includes(mark)) {
      throw new Error(mark + " was lost: the server could not fill it in");
    }
  }
  process.stdout.write(out);
}

main().catch((err) => {
  console.error("assemble: " + err.message);
  process.exit(1);
});
