/*
 * go.js: running the Go program (compiled to WebAssembly with go-app)
 * without disturbing the page. go-app is lent a container of ours as
 * document.body, the window handlers it assigns are dropped, and the
 * globals Go's wasm_exec.js needs exist only while Go starts. It starts
 * when the visitor lets it, and takes the prerendered markup over in place.
 */

// The properties go-app assigns on window when it starts; we drop them.
var GOAPP_WINDOW_PROPS = ["onclick", "onpopstate", "onresize", "goappNav", "goappOnUpdate", "goappOnAppInstallChange"];
// The globals wasm_exec.js defines and Go reads while it starts.
var WASM_EXEC_GLOBALS = ["fs", "process", "path", "Go"];

/*
 * lend runs fn while target's properties are replaced by the given
 * descriptors, then puts the original own descriptors back exactly (or
 * removes ours where there was none). Deleting would not do: in Chromium
 * window.onclick is an own accessor, and deleting it loses the host's
 * handler for good.
 */
function lend(target, descriptors, fn) {
  var saved = {};
  var names = Object.keys(descriptors);
  names.forEach(function (name) {
    saved[name] = Object.getOwnPropertyDescriptor(target, name);
    var desc = descriptors[name];
    desc.configurable = true;
    Object.defineProperty(target, name, desc);
  });
  try {
    return fn();
  } finally {
    names.forEach(function (name) {
      if (saved[name]) {
        Object.defineProperty(target, name, saved[name]);
      } else {
        delete target[name];
      }
    });
  }
}

function value(v) {
  return { value: v, writable: true, enumerable: false };
}

// A property whose writes are dropped: go-app's handlers never reach the page.
function sink() {
  return { get: function () { return undefined; }, set: function () {}, enumerable: false };
}

// wasmExecLent runs Go's wasm_exec.js (start.js: runWasmExec) with its
// globals lent, so that it defines its own and the page's fs, process,
// path or Go (if any) are left alone; it returns what it defined.
function wasmExecLent() {
  var wasmExec = {};
  var hidden = {};
  WASM_EXEC_GLOBALS.forEach(function (n) { hidden[n] = value(undefined); });
  lend(w, hidden, function () {
    runWasmExec();
    WASM_EXEC_GLOBALS.forEach(function (n) { wasmExec[n] = w[n]; });
  });
  return wasmExec;
}

// start compiles the wasm as it downloads (response), instantiates it once
// the panel's entrance is over (it copies the Go program's memory in), and
// starts the Go program with the whole configuration once the visitor
// lets it (whenSettled).
function start(response, config) {
  var wasmExec = wasmExecLent();
  var go = new wasmExec.Go();
  compileWasm(response).then(function (module) {
    return afterEntrance().then(function () {
      return WebAssembly.instantiate(module, go.importObject);
    });
  }).then(function (instance) {
    whenSettled(function () {
      startWasm(go, wasmExec, instance, mount(), config);
    });
  }).catch(failed);
}

// startWasm runs the Go program in the container; Go's main runs
// synchronously until it first blocks: by then go-app has mounted the
// banner and assigned its handlers, all into what we lent.
function startWasm(go, wasmExec, instance, container, config) {
  var boot = {
    config: config,
    languages: languageCandidates(),
    layout: (script && script.getAttribute("data-layout")) || "",
    theme: (script && script.getAttribute("data-theme")) || "",
    position: (script && script.getAttribute("data-position")) || "",
    secure: location.protocol === "https:",
    gpc: gpcOn(),
    onChoice: function (json, lang) {
      applyChoice(JSON.parse(json), lang);
    },
    // The live banner has closed with nothing of its own to focus.
    returnFocus: returnFocus,
    fail: function (message) {
      state.status = "failed";
      notBusy();
      console.error("cookie-consent: " + message);
    }
  };
  var props = { __cookieConsentBoot: value(boot) };
  GOAPP_WINDOW_PROPS.forEach(function (n) { props[n] = sink(); });
  WASM_EXEC_GLOBALS.forEach(function (n) { props[n] = value(wasmExec[n]); });
  // inGo runs one step of the Go program's start with what it borrows.
  var inGo = function (fn) {
    return lend(w, props, function () {
      return lend(d, { body: { get: function () { return container; }, enumerable: true } }, fn);
    });
  };
  var stopped = function () {
    return state.status === "failed" || go.exited;
  };
  // Three steps, each its own task (wasm.go: main): the Go runtime's
  // initialisation, the configuration's decoding, go-app's first render.
  performance.mark("cookie-consent:go-start");
  inGo(function () {
    go.run(instance).then(function () {
      state.status = "failed";
    });
  });
  performance.measure("cookie-consent:go-init", "cookie-consent:go-start");
  if (stopped()) {
    state.status = "failed";
    return;
  }
  laterSettled(function () {
    performance.mark("cookie-consent:go-decode");
    var decoded = inGo(function () { return boot.decode(); });
    performance.measure("cookie-consent:go-decode", "cookie-consent:go-decode");
    if (!decoded || stopped()) {
      state.status = "failed";
      notBusy();
      return;
    }
    laterSettled(function () {
      renderWasm(boot, container, inGo);
      if (!stopped()) {
        state.boot = boot;
        state.status = "ready";
        container.setAttribute("data-state", "live"); // inside our shadow root: for tests and benchmarks
        var pending = state.pending;
        state.pending = [];
        pending.forEach(function (call) { callWasm(call[0], call[1]); });
      }
    });
  });
}

// renderWasm has go-app render the banner in place of what the loader
// shows, prerendered (the panel, or the first layer): the same markup, in
// the same state, with focus and scroll kept.
function renderWasm(boot, container, inGo) {
  var taking = state.panel;
  var shown = prerenderedShown();
  var before = null;
  if (shown) {
    boot.takeover = { panel: !!taking };
    if (taking) {
      boot.takeover.switches = panelSwitches(taking.root);
      boot.takeover.opener = typeof taking.opener === "string" ? taking.opener : "";
      boot.takeover.openerElement = typeof taking.opener === "object" ? taking.opener : null;
    }
    before = viewOf(shown);
    // go-app replaces the prerendered markup with the same markup: it
    // must not play its entrance again (theme.css).
    container.setAttribute("data-takeover", "");
  }
  performance.mark("cookie-consent:go-render");
  var rendered = inGo(function () { return boot.render(); });
  performance.measure("cookie-consent:go-render", "cookie-consent:go-render");
  if (!rendered) {
    state.status = "failed";
    notBusy();
    return;
  }
  state.panel = null; // go-app's now
  state.early = null;
  if (before) {
    restoreView(container, before);
  }
}

// laterSettled runs fn in a task of its own (a click waiting meanwhile is
// answered first), once whenSettled agrees.
function laterSettled(fn) {
  setTimeout(function () { whenSettled(fn); }, 0);
}

// TAKEOVER_QUIET_MS is how long the visitor must have left the prerendered
// markup alone before the Go program starts: its start is one long task
// (a few hundred ms on a slow phone) that would delay their next click.
var TAKEOVER_QUIET_MS = 400;

// whenSettled runs fn once the prerendered markup on screen, if any, can
// be taken over unnoticed: its entrance has finished (go-app's copy does
// not play it, and cutting it short would make it jump), no press is in
// progress on it (panel.js: trackPress: go-app replaces the element
// pressed, and a click whose element went away between the press and the
// release would be lost), and the visitor has paused.
function whenSettled(fn) {
  var shown = prerenderedShown();
  var quiet = state.lastInput + TAKEOVER_QUIET_MS - Date.now();
  if (shown && state.entrance) {
    state.entrance.then(function () {
      state.entrance = null;
      whenSettled(fn);
    });
  } else if (state.pressing && shown) {
    performance.mark("cookie-consent:takeover-waits");
    state.afterPress = function () { whenSettled(fn); };
  } else if (shown && quiet > 0) {
    setTimeout(function () { whenSettled(fn); }, quiet);
  } else {
    fn();
  }
}
