// Assembles the loader served as consent.js: web/consent.js with the parts
// of web/loader/ (in the order below), Go's wasm_exec.js (from the same
// GOROOT as the wasm) and the theme inlined.
// Usage: node web/assemble.js consent.js wasm_exec.js theme.css > dist/consent.js
"use strict";
const fs = require("fs");
const path = require("path");

// PARTS in the order they are inlined; each defines functions and
// constants only, so the order matters for readers, not for the code.
const PARTS = ["cookie.js", "language.js", "events.js", "consentmode.js", "gate.js", "apply.js", "api.js", "firstlayer.js", "wasm.js"];

const [loaderPath, wasmExecPath, themePath] = process.argv.slice(2);
const [loader, wasmExec, theme] = [loaderPath, wasmExecPath, themePath].map((p) => fs.readFileSync(p, "utf8"));
const parts = PARTS.map((p) => fs.readFileSync(path.join(path.dirname(loaderPath), "loader", p), "utf8")).join("\n");
const out = loader
  .replace("/*__PARTS__*/", () => parts)
  .replace("/*__WASM_EXEC__*/", () => wasmExec)
  .replace("__CONSENT_CSS__", () => JSON.stringify(theme));
for (const mark of ["__PARTS__", "__WASM_EXEC__", "__CONSENT_CSS__"]) {
  if (out.includes(mark)) {
    console.error("assemble: " + mark + " left in the loader");
    process.exit(1);
  }
}
process.stdout.write(out);
