// Assembles the loader served as consent.js: web/consent.js with Go's
// wasm_exec.js (from the same GOROOT as the wasm) and the theme inlined.
// Usage: node web/assemble.js consent.js wasm_exec.js theme.css > dist/consent.js
"use strict";
const fs = require("fs");
const [loader, wasmExec, theme] = process.argv.slice(2).map((p) => fs.readFileSync(p, "utf8"));
const out = loader
  .replace("/*__WASM_EXEC__*/", () => wasmExec)
  .replace("__CONSENT_CSS__", () => JSON.stringify(theme));
for (const mark of ["__WASM_EXEC__", "__CONSENT_CSS__"]) {
  if (out.includes(mark)) {
    console.error("assemble: " + mark + " left in the loader");
    process.exit(1);
  }
}
process.stdout.write(out);
