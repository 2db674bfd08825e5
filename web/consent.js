/*
 * cookie-consent loader. A portal adds <script src=".../consent.js" defer>
 * to its pages; this file reads and applies the visitor's choice (gated
 * scripts, Consent Mode, events, window.cookieConsent) and mounts the
 * banner (Go compiled to WebAssembly with go-app) inside a shadow root put
 * first in <body>. It never disturbs the host page.
 *
 * The parts in web/loader/ are inlined at the parts mark below, in the
 * order web/assemble.js lists them; build.sh also inlines the theme, and
 * the server fills in the URLs of the wasm and of the module that starts
 * it (web/start/, imported with it), and the configuration.
 */
(function () {
  "use strict";

  var w = window;
  var d = document;
  if (w.cookieConsent) {
    return; // the script tag is on the page twice: the first one serves
  }

  var script = d.currentScript || d.querySelector("script[src*='consent.js']");
  var base = (script && script.src) || d.baseURI;
  var CONFIG = __CONSENT_CONFIG__; // the loader's part of the configuration (loaderconfig.go)
  var CSS = __CONSENT_CSS__;
  var FIRST_LAYER = __CONSENT_PRERENDER__; // language -> the first layer's HTML
  var PANEL = __CONSENT_PANEL__; // language -> the preferences panel's HTML
  // null when the configuration does not enable proof of consent, else
  // {"hashes": {language: hash of the texts shown}}.
  var PROOF = __CONSENT_PROOF__;
  var WASM_URL = new URL("__CONSENT_WASM_URL__", base).href;
  var START_URL = new URL("__CONSENT_START_URL__", base).href;

  // status: "idle" (wasm not asked for), "loading", "ready" (the banner is
  // live), "failed". choice: the current valid choice or null.
  // container: our element in the shadow root, once mounted; early: the
  // prerendered first layer while it stands in for the live one; panel:
  // the prerendered panel while it is on screen ({root, opener}); prepared:
  // its elements built on the visitor's way to it; pressing:
  // a pointer or key is down on it (afterPress runs when it is up);
  // entrance: the promise of the end of its entrance animation;
  // fullConfig: the promise of the whole configuration the wasm reads;
  // before: the page's element focus came from when it last entered the
  // banner (focus.js); leaving: the page is being left (pagehide), its
  // downloads cut off (wasm.js: failed).
  var state = { status: "idle", choice: null, boot: null, pending: [], container: null, early: null, panel: null, prepared: null, panelListening: false, tracking: false, entrance: null, pressing: false, lastInput: 0, afterPress: null, fullConfig: null, lang: "", texts: {}, rules: null, before: null, leaving: false };

  var domReady = new Promise(function (resolve) {
    if (d.readyState === "loading") {
      d.addEventListener("DOMContentLoaded", resolve, { once: true });
    } else {
      resolve();
    }
  });

  /*__PARTS__*/

  function main() {
    warnBadAttributes();
    w.addEventListener("pagehide", function () { state.leaving = true; });
    w.addEventListener("pageshow", function () { state.leaving = false; }); // back from the back/forward cache
    state.rules = rulesOf(CONFIG);
    state.lang = pickLanguage(languageCandidates(), Object.keys(CONFIG.texts), CONFIG.defaultLanguage);
    state.texts = textsFor(CONFIG, state.lang);
    state.choice = storedChoice();

    // Before any gated element can run: Consent Mode's defaults, then the
    // stored choice.
    consentModeDefault(CONFIG);
    if (state.choice) {
      consentModeUpdate(CONFIG, state.choice);
    }
    gateScan(d, state.choice, state.texts);
    gateWatch();

    Object.defineProperty(w, "cookieConsent", { value: Object.freeze(api), enumerable: false, configurable: false, writable: false });

    // Every link or button marked data-cc="preferences" reopens the panel.
    d.addEventListener("click", function (event) {
      var t = event.target;
      var el = t && t.closest ? t.closest("[data-cc='preferences']") : null;
      if (el) {
        event.preventDefault();
        showFrom(el);
      }
    });

    domReady.then(function () {
      gateScan(d, state.choice, state.texts);
      showFirstLayer();
      emit("cookieconsent:ready", { choice: copyChoice(state.choice) });
    });
    // No wasm until the panel is open: the first layer, the API and the
    // prerendered panel work without it. The configuration it reads is
    // fetched when the visitor heads for the panel (wasm.js:
    // prefetchOnIntent); nothing is fetched in the background.
    ["pointerover", "pointerdown", "touchstart", "focusin"].forEach(function (type) {
      d.addEventListener(type, prefetchOnIntent, { passive: true, capture: true });
    });
  }

  main();
})();
