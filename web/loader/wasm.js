/*
 * wasm.js: when the banner's wasm comes, and what the page can ask of the
 * live banner. The wasm is downloaded only once the preferences panel is
 * open (panel.js), with the module that starts it (web/start/, imported
 * then: no other visitor downloads it).
 */

// failed: the banner cannot start (the wasm, the start module or the
// configuration could not be fetched, or the wasm compiled: a CSP without
// 'wasm-unsafe-eval'); the
// prerendered first layer and panel go on without it. Said once.
//
// A download the browser cuts off as the page is left or stopped is no
// failure of the banner (a visitor who chose in the prerendered panel and
// went on to the next page before the wasm came), and is not said: the
// loader aborts nothing itself, so an AbortError (Firefox) is the
// browser's; a failed fetch (a TypeError: WebKit's "Load failed") is said
// only if the page is still there a moment later, as the browser cuts
// downloads off when a navigation starts, before pagehide.
function failed(err) {
  if (state.status === "failed") {
    return;
  }
  state.status = "failed";
  state.pending = [];
  notBusy();
  var say = function () {
    if (!state.leaving) {
      console.error("cookie-consent: the banner could not start:", err);
    }
  };
  if (err && err.name === "AbortError") {
    return;
  }
  if (err instanceof TypeError) {
    setTimeout(say, CUT_OFF_GRACE_MS);
  } else {
    say();
  }
}

// CUT_OFF_GRACE_MS is how long a failed fetch waits to be said, for a
// navigation that cut it off to reach pagehide.
var CUT_OFF_GRACE_MS = 3000;

// fullConfig fetches, once, the whole configuration the wasm needs (the
// loader carries only its own part of it): content-addressed, so it is the
// very configuration this loader was made with.
function fullConfig() {
  if (!state.fullConfig) {
    state.fullConfig = fetch(new URL(CONFIG.fullConfig, base).href, { credentials: "omit" }).then(function (r) {
      if (!r.ok) {
        throw new Error("the configuration answered " + r.status);
      }
      return r.text();
    });
    state.fullConfig.catch(failed);
  }
  return state.fullConfig;
}

// bootWasm starts the banner once, when the panel is asked for: the first
// layer and the API need no wasm. The wasm's download starts at once, with
// the import of the module that compiles and starts it (web/start/); a
// dynamic import() keeps the page's CSP nonce (it passes on that of the
// script that calls it) and needs nothing of Trusted Types.
// credentials: "omit" lets the wasm come from another origin.
function bootWasm() {
  if (state.status !== "idle") {
    return;
  }
  state.status = "loading";
  var response;
  try {
    response = fetch(WASM_URL, { credentials: "omit" }).then(function (r) {
      if (!r.ok) {
        throw new Error("the wasm answered " + r.status);
      }
      return r;
    });
  } catch (err) {
    response = Promise.reject(err);
  }
  response.catch(function () {}); // said once, by the start module (or the import's own failure)
  Promise.all([import(START_URL), fullConfig(), domReady])
    .then(function (results) {
      results[0].default(startContext(), response, results[1]);
    })
    .catch(failed);
}

// startContext is what the loader lends the start module (web/start/
// start.js): its state and the functions the live banner calls back.
function startContext() {
  return {
    w: w, d: d, state: state, script: script, PANEL_DIALOG: PANEL_DIALOG,
    languageCandidates: languageCandidates, gpcOn: gpcOn, applyChoice: applyChoice,
    returnFocus: returnFocus, notBusy: notBusy, mount: mount, panelSwitches: panelSwitches,
    prerenderedShown: prerenderedShown, afterEntrance: afterEntrance, callWasm: callWasm, failed: failed
  };
}

// afterEntrance resolves once the entrance of what the loader has just
// shown is over.
function afterEntrance() {
  return state.entrance || Promise.resolve();
}

// entrance notes the entrance animation of a dialog the loader has just
// shown (theme.css: cc-in), for whenSettled to wait for its end. Events,
// not getAnimations(): Chromium's leaves out an animation not yet started.
function entrance(dialog) {
  var name = dialog ? getComputedStyle(dialog).animationName : "none";
  if (!name || name === "none") {
    state.entrance = null; // reduced motion: none
    return;
  }
  state.entrance = new Promise(function (resolve) {
    dialog.addEventListener("animationend", resolve, { once: true });
    dialog.addEventListener("animationcancel", resolve, { once: true });
    setTimeout(resolve, 1000); // a tab in the background may never run it
  });
}

// prerenderedShown is the prerendered markup on screen, if any: the panel,
// or the first layer.
function prerenderedShown() {
  if (state.panel) {
    return state.panel.root;
  }
  return state.early && state.early.parentNode ? state.early : null;
}

// callWasm runs a method of the live banner (show, hide, sync) with its
// argument, if any, or queues it until the banner is live, starting it:
// calls made early are never lost.
function callWasm(name, arg) {
  if (state.status === "failed") {
    notBusy();
    return;
  }
  if (state.status !== "ready") {
    state.pending.push([name, arg]);
    bootWasm();
    return;
  }
  if (typeof state.boot[name] === "function") {
    try {
      state.boot[name](arg);
    } catch (err) {
      // The Go program has exited: the page's call must not throw.
      state.status = "failed";
      console.error("cookie-consent: the banner stopped:", err);
    }
  }
}

// prefetchOnIntent builds the prerendered panel's elements (panel.js:
// preparePanel) and fetches the whole configuration (a few KB) as soon as
// the visitor heads for the panel: pointer over or down, touch or focus on
// a data-cc="preferences" control of the page or our "customize" button.
// Not the wasm: it comes once the panel is on screen (panel.js), as
// receiving 8 MB while the panel draws made the click on a slow CPU wait,
// and a pointer over the button is not a click. Never for a visitor who
// asked to spare data (panel.js: sparing), whose prerendered panel serves
// alone.
function prefetchOnIntent(event) {
  var t = event.composedPath ? event.composedPath()[0] : event.target;
  if (!t || !t.closest || !t.closest("[data-cc='preferences'], [data-cc-action='customize']")) {
    return;
  }
  if (!state.panel && !state.prepared && state.status !== "ready") {
    state.prepared = preparePanel();
  }
  if (state.status === "idle" && !sparing()) {
    fullConfig();
  }
}
