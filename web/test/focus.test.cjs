// Where focus goes when the banner closes (focus.js): back where it was,
// else to the start of the main content, never <body>.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { loadParts } = require("./parts.cjs");

function page(body) {
  const dom = new JSDOM("<!doctype html><body>" + body + "</body>");
  const d = dom.window.document;
  const host = d.createElement("cookie-consent");
  const container = host.attachShadow({ mode: "open" }).appendChild(d.createElement("div"));
  d.body.insertBefore(host, d.body.firstChild);
  const state = { container, before: null };
  const parts = loadParts(["focus.js"], ["returnFocus", "trackFocus"], { d, state });
  return { d, state, parts, host, container };
}

test("without a place to go back to: the start of <main>, even after a header's <h1>", () => {
  const { d, parts } = page('<header><h1>Portail</h1></header><main id="m"><p>Contenu</p></main>');
  parts.returnFocus();
  assert.equal(d.activeElement.id, "m");
  assert.equal(d.getElementById("m").getAttribute("tabindex"), "-1", "focusable like a skip link's target");
  d.getElementById("m").blur();
  assert.equal(d.getElementById("m").hasAttribute("tabindex"), false, "and left as it was once focus moves on");
});

test("back to the page's element focus came from", () => {
  const { d, state, parts } = page('<main id="m"><a id="link" href="#">Lien</a></main>');
  state.before = d.getElementById("link");
  parts.returnFocus();
  assert.equal(d.activeElement.id, "link");
  assert.equal(state.before, null, "used once");
});

test("an element that has left the page is skipped", () => {
  const { d, state, parts } = page('<main id="m"><a id="link" href="#">Lien</a></main>');
  state.before = d.getElementById("link");
  state.before.remove();
  parts.returnFocus();
  assert.equal(d.activeElement.id, "m");
});

test("a focus the page holds is left alone", () => {
  const { d, parts } = page('<main id="m"><input id="search"></main>');
  d.getElementById("search").focus();
  parts.returnFocus();
  assert.equal(d.activeElement.id, "search");
});

test("a page without <main>, role=main or <h1>: its first element after ours, never <body>", () => {
  const { d, parts } = page('<script></script><div id="content"><p>Texte</p></div>');
  parts.returnFocus();
  assert.equal(d.activeElement.id, "content");
});

test("focus entering the banner from the page is remembered", () => {
  const { d, state, parts, host, container } = page('<main><a id="link" href="#">Lien</a></main>');
  parts.trackFocus(host);
  const button = container.appendChild(d.createElement("button"));
  d.getElementById("link").focus();
  button.focus();
  assert.equal(state.before && state.before.id, "link");
});
