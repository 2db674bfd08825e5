// The loader's language choice against the vectors Go's config.Language uses.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const vectors = require("../../app/config/testdata/languages.json");
const { loadParts } = require("./parts.cjs");

const l = loadParts(["language.js"], ["pickLanguage", "textsFor", "localized"]);

for (const v of vectors.cases) {
  test(`language: ${v.name}`, () => {
    assert.equal(l.pickLanguage(v.candidates, vectors.keys, vectors.default), v.want);
  });
}

test("a missing text falls back to the default language", () => {
  const config = { defaultLanguage: "fr", texts: { fr: { save: "Enregistrer", close: "Fermer" }, en: { save: "Save", close: " " } } };
  assert.deepEqual(l.textsFor(config, "en"), { save: "Save", close: "Fermer" });
  assert.equal(l.localized({ fr: "Statistiques", EN: "Statistics" }, "en", "fr"), "Statistics");
  assert.equal(l.localized({ fr: "Statistiques" }, "en", "fr"), "Statistiques");
});
