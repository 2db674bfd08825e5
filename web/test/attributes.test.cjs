// The script tag's attributes (attributes.js): a value the banner does not
// know gets one warning naming the attribute, the value and the allowed
// values.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadParts } = require("./parts.cjs");

const CONFIG = { theme: "light", layout: "bar", position: "bottom", texts: { fr: {}, en: {} } };
const FIRST_LAYER = { themes: ["light", "dark"], layouts: ["bar", "box", "modal"], positions: ["bottom", "top"] };

function warningsFor(attrs) {
  const warnings = [];
  const script = { getAttribute: (n) => (n in attrs ? attrs[n] : null) };
  const parts = loadParts(["language.js", "attributes.js"], ["warnBadAttributes", "tagOr"], {
    script, CONFIG, FIRST_LAYER, console: { warn: (m) => warnings.push(m) },
  });
  parts.warnBadAttributes();
  return { warnings, tagOr: parts.tagOr };
}

test("each bad attribute is named once, with its value and the allowed values", () => {
  const { warnings, tagOr } = warningsFor({ "data-theme": "neon", "data-layout": "", "data-position": "top", "data-lang": "de" });
  assert.deepEqual(warnings, [
    'cookie-consent: data-theme="neon" is not one of "light", "dark": the banner uses "light" instead',
    'cookie-consent: data-layout="" is not one of "bar", "box", "modal": the banner uses "bar" instead',
    'cookie-consent: data-lang="de" is not one of "fr", "en": the banner uses the page\'s language instead',
  ]);
  assert.equal(tagOr("data-theme", FIRST_LAYER.themes, CONFIG.theme), "light", "the configuration's value");
  assert.equal(tagOr("data-position", FIRST_LAYER.positions, CONFIG.position), "top");
});

test("absent and valid attributes draw no warning; data-lang matches as Go's config.Language does", () => {
  assert.deepEqual(warningsFor({}).warnings, []);
  assert.deepEqual(warningsFor({ "data-theme": "dark", "data-lang": "EN-gb" }).warnings, []);
});
