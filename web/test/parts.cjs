// Loads parts of the loader (web/loader/*.js) for unit tests under node:
// their source is evaluated in one function scope, as in consent.js, with
// the given globals, and the named functions are returned.
"use strict";
const fs = require("fs");
const path = require("path");

function loadParts(files, names, globals = {}) {
  const src = files.map((f) => fs.readFileSync(path.join(__dirname, "..", "loader", f), "utf8")).join("\n");
  const keys = Object.keys(globals);
  const fn = new Function(...keys, `"use strict";\n${src}\nreturn {${names.join(", ")}};`);
  return fn(...keys.map((k) => globals[k]));
}

module.exports = { loadParts };
