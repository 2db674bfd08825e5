/*
 * wasm.js: starting the banner (Go compiled to WebAssembly with go-app)
 * without disturbing the page. go-app is lent a container of ours as
 * document.body, the window handlers it assigns are dropped, and the
 * globals Go's wasm_exec.js needs exist only while Go starts.
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

// Go's wasm_exec.js, run with its globals lent, so that it defines its own
// and the host's fs, process, path or Go (if any) are left alone.
function loadWasmExec() {
  var wasmExec = {};
  var hidden = {};
  WASM_EXEC_GLOBALS.forEach(function (n) { hidden[n] = value(undefined); });
  lend(w, hidden, function () {
    /*__WASM_EXEC__*/
    WASM_EXEC_GLOBALS.forEach(function (n) { wasmExec[n] = w[n]; });
    // wasm_exec.js's runtime.wasmWrite (Go's panics, println) calls a bare
    // fs.writeSync long after the lent globals are gone: bind it here.
    var fs = wasmExec.fs;
  });
  return wasmExec;
}

// compileWasm downloads the wasm and compiles it as it comes in, once.
// The browser decodes what arrives on the main thread: in pieces of
// WASM_PIECE with a task between them (paced), so that a click on a switch
// of the panel never waits long. Handed over as it came, the 8 MB made
// tasks of 35 to 145 ms on a 4x slowed CPU; gathered first
// (fetch().arrayBuffer()), tasks of 35 to 70 ms. A browser without
// compileStreaming or ReadableStream, or a wasm served without its type (a
// copy of the files behind another server), gets the bytes compiled whole.
// credentials: "omit" lets it come from another origin.
function compileWasm() {
  if (!state.module) {
    try {
      state.module = fetch(WASM_URL, { credentials: "omit" }).then(function (r) {
        if (!r.ok) {
          throw new Error("the wasm answered " + r.status);
        }
        var type = (r.headers.get("Content-Type") || "").split(";")[0].trim();
        if (typeof WebAssembly.compileStreaming === "function" && typeof ReadableStream === "function" && r.body && type === "application/wasm") {
          return WebAssembly.compileStreaming(new Response(paced(r.body), { headers: { "Content-Type": type } }));
        }
        return r.arrayBuffer().then(function (bytes) {
          return WebAssembly.compile(bytes);
        });
      });
    } catch (err) {
      state.module = Promise.reject(err);
    }
    state.module.catch(failed);
  }
  return state.module;
}

// WASM_PIECE is how many bytes of the wasm the browser decodes in one
// task: about 5 ms on a 4x slowed CPU.
var WASM_PIECE = 256 * 1024;

// paced is body as a stream that gives its bytes in pieces of at most
// WASM_PIECE, each in a task of its own.
function paced(body) {
  var reader = body.getReader();
  var chunk = null;
  var at = 0;
  return new ReadableStream({
    pull: function (controller) {
      if (chunk && at < chunk.length) {
        var end = Math.min(at + WASM_PIECE, chunk.length);
        controller.enqueue(chunk.subarray(at, end));
        at = end;
        return new Promise(function (resolve) { setTimeout(resolve, 0); });
      }
      return reader.read().then(function (next) {
        if (next.done) {
          controller.close();
          return;
        }
        chunk = next.value;
        at = 0;
        return this.pull(controller);
      }.bind(this));
    },
    cancel: function (reason) {
      return reader.cancel(reason);
    }
  });
}

// failed: the banner cannot start (the wasm or the configuration could
// not be fetched, or compiled: a CSP without 'wasm-unsafe-eval'); the
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

// bootWasm starts the banner once, when the panel is asked for: the first
// layer and the API need no wasm.
function bootWasm() {
  if (state.status !== "idle") {
    return;
  }
  state.status = "loading";
  var wasmExec = loadWasmExec();
  var go = new wasmExec.Go();
  Promise.all([compileWasm(), fullConfig(), domReady])
    .then(function (results) {
      // Instantiating copies the Go program's memory in: not while the
      // panel makes its entrance.
      return afterEntrance().then(function () {
        return WebAssembly.instantiate(results[0], go.importObject);
      }).then(function (instance) {
        whenSettled(function () {
          startWasm(go, wasmExec, instance, mount(), results[1]);
        });
      });
    })
    .catch(failed);
}

// laterSettled runs fn in a task of its own (a click waiting meanwhile is
// answered first), once whenSettled agrees.
function laterSettled(fn) {
  setTimeout(function () { whenSettled(fn); }, 0);
}

// afterEntrance resolves once the entrance of what the loader has just
// shown is over.
function afterEntrance() {
  return state.entrance || Promise.resolve();
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
