// The proof of consent is sent only for a choice the cookie really holds.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadParts } = require("./parts.cjs");

// loaderWith loads the proof sender with a document whose cookie jar
// keeps (or drops) what is written, and records fetches and warnings.
function loaderWith(keepsCookies) {
  const sent = [];
  const warnings = [];
  let jar = "";
  const l = { keeps: keepsCookies };
  const doc = {
    get cookie() { return jar; },
    set cookie(v) { if (l.keeps) { jar = v.split(";")[0]; } },
  };
  const parts = loadParts(["cookie.js", "apply.js", "proof.js"], ["record", "setCookieString", "rulesOf", "newChoice"], {
    d: doc,
    PROOF: { hashes: { fr: "a".repeat(64) } },
    base: "https://consent.example.org/consent.js",
    location: { origin: "https://data.example.org", pathname: "/explore/" },
    fetch: (url, opts) => { sent.push({ url, body: JSON.parse(opts.body) }); return Promise.resolve(); },
    console: { warn: (m) => warnings.push(m) },
    navigator: {},
  });
  const rules = parts.rulesOf({ revision: 1, lifetimeDays: 180, categories: [{ id: "necessary", required: true }, { id: "statistics" }] });
  const choose = (on) => {
    const choice = parts.newChoice(rules, { necessary: true, statistics: on }, Math.floor(Date.now() / 1000));
    doc.cookie = parts.setCookieString(choice, rules, "", true);
    parts.record(choice, "fr");
    return choice;
  };
  return Object.assign(l, { choose, sent, warnings });
}

test("a choice the cookie holds is sent as proof", () => {
  const l = loaderWith(true);
  const choice = l.choose(false);
  assert.equal(l.sent.length, 1);
  assert.equal(l.sent[0].url, "https://consent.example.org/api/consents");
  assert.equal(l.sent[0].body.id, choice.id);
  assert.deepEqual(l.warnings, []);
});

test("a choice the browser did not store is not sent, and the page is warned once", () => {
  const l = loaderWith(false);
  l.choose(false);
  l.choose(true);
  assert.equal(l.sent.length, 0, "no proof of a choice that never took effect");
  assert.equal(l.warnings.length, 1, "one warning, however many choices");
  assert.match(l.warnings[0], /not recorded as proof of consent/);
});

test("an older choice still in the cookie is not this one", () => {
  const l = loaderWith(true);
  l.choose(false);
  l.keeps = false; // the browser starts dropping writes: the cookie keeps the first choice
  l.choose(true);
  assert.equal(l.sent.length, 1, "only the stored choice was sent");
  assert.equal(l.sent[0].body.categories.statistics, false);
  assert.equal(l.warnings.length, 1);
});
