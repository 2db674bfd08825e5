// The loader's one HTML sink (html.js): on a page that requires Trusted
// Types, the policy it creates passes the server's markup and nothing else.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { loadParts } = require("./parts.cjs");

const FIRST_LAYER = { html: { fr: { bar: '<div class="cc-root">barre</div>', modal: '<div class="cc-root"><dialog>modal</dialog></div>' } } };
const PANEL = { fr: '<div class="cc-root"><dialog id="cc-panel-dialog">panneau</dialog></div>' };

// load gives html.js a window with a fake trustedTypes that records the
// policies created (jsdom has no Trusted Types).
function load(trustedTypes) {
  const dom = new JSDOM("<!doctype html><body></body>");
  const w = dom.window;
  if (trustedTypes) {
    w.trustedTypes = trustedTypes;
  }
  return loadParts(["html.js"], ["elementFromMarkup", "trustedMarkup"], { w, d: w.document, FIRST_LAYER, PANEL, console: { error: () => {} } });
}

test("the policy is named cookie-consent and passes only the server's markup", () => {
  const policies = [];
  const parts = load({
    createPolicy(name, rules) {
      policies.push(name);
      return { createHTML: (s) => ({ trusted: rules.createHTML(s) }) };
    },
  });
  assert.deepEqual(parts.trustedMarkup(FIRST_LAYER.html.fr.bar), { trusted: FIRST_LAYER.html.fr.bar });
  assert.deepEqual(parts.trustedMarkup(FIRST_LAYER.html.fr.modal), { trusted: FIRST_LAYER.html.fr.modal });
  assert.deepEqual(parts.trustedMarkup(PANEL.fr), { trusted: PANEL.fr }, "the prerendered panel too");
  assert.throws(() => parts.trustedMarkup('<img src=x onerror="alert(1)">'), /passes only the banner's own markup/);
  assert.throws(() => parts.trustedMarkup(FIRST_LAYER.html.fr.bar + " "), TypeError, "not even a changed copy");
  assert.deepEqual(policies, ["cookie-consent"], "one policy, created once");
});

test("without Trusted Types the markup is parsed as it is", () => {
  const parts = load(null);
  const el = parts.elementFromMarkup(FIRST_LAYER.html.fr.modal);
  assert.equal(el.className, "cc-root");
  assert.equal(el.querySelector("dialog").textContent, "modal");
});

test("a page that refuses the policy but requires no Trusted Types still gets the markup", () => {
  const parts = load({
    createPolicy() {
      throw new TypeError("Failed to execute 'createPolicy': Policy \"cookie-consent\" disallowed.");
    },
  });
  assert.equal(parts.elementFromMarkup(FIRST_LAYER.html.fr.bar).textContent, "barre");
});
