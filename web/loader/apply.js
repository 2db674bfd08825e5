/*
 * apply.js: what follows a choice, whoever made it (the visitor in the
 * banner, the page through the API, or an earlier page view): Consent Mode,
 * the cookies of refused categories deleted, gated elements let through,
 * the proof of consent sent, the change event; and a reload when a consent
 * is withdrawn and the configuration asks for one.
 */

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

function readDocumentCookie() {
  try {
    return d.cookie || "";
  } catch (e) {
    return ""; // a sandboxed document without cookies: no choice
  }
}

function writeDocumentCookie(s) {
  try {
    d.cookie = s;
  } catch (e) { /* cannot be stored: the choice still holds for this page view */ }
}

// storedChoice is the visitor's valid choice from an earlier page view.
function storedChoice() {
  return currentChoice(readDocumentCookie(), state.rules, nowSeconds());
}

// gpcOn reports the browser's Global Privacy Control signal.
function gpcOn() {
  return navigator.globalPrivacyControl === true;
}

// gpcRefuses: the signal refuses categories marked saleOrAdvertising.
function gpcRefuses(cat) {
  return gpcOn() && cat.saleOrAdvertising === true && !cat.required;
}

// answers is every category answered the same way; required ones stay on,
// and "accept all" leaves out what Global Privacy Control refuses.
function answers(on) {
  var cats = {};
  CONFIG.categories.forEach(function (c) {
    cats[c.id] = c.required === true || (on && !gpcRefuses(c));
  });
  return cats;
}

// choose stores a choice the page made through the API, then applies it.
function choose(categories) {
  var choice = newChoice(state.rules, categories, nowSeconds());
  writeDocumentCookie(setCookieString(choice, state.rules, CONFIG.cookieDomain, location.protocol === "https:"));
  if (state.status === "ready") {
    callWasm("sync"); // the banner closes, its panel shows the new choice
  } else {
    closePanel(true); // first: focus leaves the panel for the page
    removeFirstLayer();
  }
  applyChoice(choice);
}

// applyChoice makes a new choice take effect on this page view; lang is the
// language the banner showed (the loader's own when the page chose).
function applyChoice(choice, lang) {
  var before = state.choice;
  state.choice = choice;
  consentModeUpdate(CONFIG, choice);
  var refused = CONFIG.categories.filter(function (c) { return choice.categories[c.id] !== true; });
  deleteCookiesOf(refused);
  gateScan(d, choice, state.texts);
  record(choice, lang || state.lang);
  emit("cookieconsent:change", {
    choice: copyChoice(choice),
    changed: changedCategories(before, choice, state.rules),
    id: choice.id
  });
  var withdrawn = before && refused.some(function (c) { return before.categories[c.id] === true; });
  if (withdrawn && CONFIG.reloadOnWithdrawal) {
    location.reload(); // scripts already running stop only with the page
  }
}

// deleteCookiesOf deletes the cookies the configuration lists for the given
// categories, on this host, its parent domains and the page's paths. Our
// own cookie and those of required categories are never touched.
function deleteCookiesOf(categories) {
  var patterns = [];
  categories.forEach(function (c) {
    (c.cookies || []).forEach(function (k) { patterns.push(k.name); });
  });
  if (patterns.length === 0) {
    return;
  }
  cookieNames(readDocumentCookie()).forEach(function (name) {
    if (name === COOKIE_NAME || !patterns.some(function (p) { return matchesCookie(p, name); })) {
      return;
    }
    deletionStrings(name, location.hostname, location.pathname).forEach(writeDocumentCookie);
  });
}
