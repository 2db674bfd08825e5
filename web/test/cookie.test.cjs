// The loader's cookie code against the test vectors Go's app/consent uses.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const vectors = require("../../app/consent/testdata/vectors.json");
const { loadParts } = require("./parts.cjs");

const c = loadParts(["cookie.js"], ["readChoice", "currentChoice", "encodeChoice", "lifetimeOf", "setCookieString",
  "newId", "newChoice", "matchesCookie", "deletionStrings", "cookieNames"]);

const rules = {
  revision: vectors.rules.revision,
  lifetime: vectors.rules.lifetimeDays * 86400,
  refusalLifetime: vectors.rules.refusalLifetimeDays * 86400,
  categories: vectors.rules.categories,
  required: vectors.rules.required,
};

for (const v of vectors.decode) {
  test(`decode: ${v.name}`, () => {
    const got = c.readChoice(v.cookies);
    assert.equal(got !== null, v.decodes, "decodes");
    if (v.choice) {
      assert.deepEqual(got, v.choice);
    }
    assert.equal(c.currentChoice(v.cookies, rules, vectors.now) !== null, v.valid, "valid");
  });
}

for (const v of vectors.encode) {
  test(`encode: ${v.name}`, () => {
    assert.equal(c.encodeChoice(v.choice), v.value);
    assert.equal(c.lifetimeOf(v.choice, rules), v.maxAge);
    assert.equal(c.setCookieString(v.choice, rules, "", true),
      `cookies_preferences=${v.value}; Path=/; Max-Age=${v.maxAge}; SameSite=Lax; Secure`);
  });
}

test("a new choice round-trips and has a fresh id", () => {
  const a = c.newChoice(rules, { necessary: true, statistics: true, third_party: false }, vectors.now);
  const b = c.newChoice(rules, { necessary: true, statistics: true, third_party: false }, vectors.now);
  assert.match(a.id, /^[A-Za-z0-9_-]{22}$/);
  assert.notEqual(a.id, b.id);
  assert.deepEqual(c.currentChoice("cookies_preferences=" + c.encodeChoice(a), rules, vectors.now), a);
});

test("cookie patterns match names exactly or by prefix", () => {
  assert.ok(c.matchesCookie("_ga*", "_ga"));
  assert.ok(c.matchesCookie("_ga*", "_ga_ABC123"));
  assert.ok(!c.matchesCookie("_ga*", "x_ga"));
  assert.ok(c.matchesCookie("_pk_id", "_pk_id"));
  assert.ok(!c.matchesCookie("_pk_id", "_pk_id.1.abc"));
  assert.deepEqual(c.cookieNames("a=1; _ga=GA1; b"), ["a", "_ga", "b"]);
});

test("deletion covers the host, its parent domains and the page's paths", () => {
  const got = c.deletionStrings("_ga", "www.data.example.org", "/explore/dataset/");
  for (const want of [
    "_ga=; Max-Age=0; Path=/",
    "_ga=; Max-Age=0; Path=/explore",
    "_ga=; Max-Age=0; Path=/explore/",
    "_ga=; Max-Age=0; Path=/explore/dataset",
    "_ga=; Max-Age=0; Path=/explore/dataset/",
    "_ga=; Max-Age=0; Path=/; Domain=www.data.example.org",
    "_ga=; Max-Age=0; Path=/; Domain=data.example.org",
    "_ga=; Max-Age=0; Path=/; Domain=example.org",
  ]) {
    assert.ok(got.includes(want), want);
  }
  assert.ok(!got.some((s) => s.includes("Domain=org")), "never a top-level domain");
  assert.deepEqual(c.deletionStrings("x", "127.0.0.1", "/"), ["x=; Max-Age=0; Path=/"], "no Domain on an IP address");
});
