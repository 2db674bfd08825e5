/*
 * cookie-consent loader. A portal adds <script src=".../consent.js" defer>
 * to its pages; this file mounts the banner (Go compiled to WebAssembly with
 * go-app) inside a shadow root put first in <body>, and exposes
 * window.cookieConsent. It never disturbs the host page: go-app is lent a
 * container of ours as document.body, the window handlers go-app assigns are
 * dropped, and the globals Go's wasm_exec.js needs exist only while Go
 * starts. build.sh inlines wasm_exec.js and the theme; the server fills in
 * the wasm URL and the site's configuration.
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
  var CONFIG = __CONSENT_CONFIG__;
  var CSS = __CONSENT_CSS__;
  var WASM_URL = new URL("__CONSENT_WASM_URL__", base).href;

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
  var wasmExec = {};
  (function () {
    var hidden = {};
    WASM_EXEC_GLOBALS.forEach(function (n) { hidden[n] = value(undefined); });
    lend(w, hidden, function () {
      /*__WASM_EXEC__*/
      WASM_EXEC_GLOBALS.forEach(function (n) { wasmExec[n] = w[n]; });
      // wasm_exec.js's runtime.wasmWrite (Go's panics, println) calls a bare
      // fs.writeSync long after the lent globals are gone: bind it here.
      var fs = wasmExec.fs;
    });
  })();

  var go = new wasmExec.Go();
  var state = { status: "loading", choice: null, boot: null, pending: [] };

  // The wasm starts downloading and compiling at once, in parallel with the
  // page. credentials: "omit" lets it come from another origin.
  var wasmReady = (function () {
    var response = fetch(WASM_URL, { credentials: "omit" });
    if (WebAssembly.instantiateStreaming) {
      return WebAssembly.instantiateStreaming(response, go.importObject).catch(function (err) {
        if (err instanceof WebAssembly.CompileError) {
          throw err; // e.g. a CSP without 'wasm-unsafe-eval': compiling again would fail again
        }
        // A server without Content-Type: application/wasm: compile from bytes.
        return fetch(WASM_URL, { credentials: "omit" })
          .then(function (r) { return r.arrayBuffer(); })
          .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
      });
    }
    return response
      .then(function (r) { return r.arrayBuffer(); })
      .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
  })();

  var domReady = new Promise(function (resolve) {
    if (d.readyState === "loading") {
      d.addEventListener("DOMContentLoaded", resolve, { once: true });
    } else {
      resolve();
    }
  });

  // mount puts our one element first in <body>: a host for a shadow root,
  // which keeps the page's CSS out of the banner and ours out of the page.
  // First, so that keyboard and screen reader users meet the banner before
  // the page (no element of the page moves).
  function mount() {
    var host = d.createElement("cookie-consent");
    host.setAttribute("data-cookie-consent", "");
    var root = host.attachShadow({ mode: "open" });
    var style = d.createElement("style");
    style.textContent = CSS;
    root.appendChild(style);
    var link = stylesheetLink();
    if (link) {
      root.appendChild(link);
    }
    var container = d.createElement("div");
    container.className = "cc-container";
    container.appendChild(d.createElement("div")); // go-app replaces this one
    root.appendChild(container);
    d.body.insertBefore(host, d.body.firstChild);
    return container;
  }

  // stylesheetLink returns a <link rel=stylesheet> for the integrator's own
  // stylesheet, put in the shadow root after our theme so that its rules
  // win: the tag's data-stylesheet, else the configuration's "stylesheet"
  // (checked by the server). An https URL, or a path from the page's origin
  // ("/css/consent.css"); anything else is ignored with an error in the
  // console. null when there is none.
  function stylesheetLink() {
    var href = (script && script.getAttribute("data-stylesheet")) || CONFIG.stylesheet || "";
    if (!href) {
      return null;
    }
    if (!/^(https:\/\/[^\/]|\/(?!\/))/.test(href)) {
      console.error("cookie-consent: the stylesheet " + JSON.stringify(href) + " is ignored: give an https URL or a path starting with /");
      return null;
    }
    var link = d.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(href, location.href).href;
    return link;
  }

  function readCookie(name) {
    var parts = d.cookie ? d.cookie.split(";") : [];
    for (var i = 0; i < parts.length; i++) {
      var kv = parts[i].trim().split("=");
      if (kv[0] === name) {
        return decodeURIComponent(kv.slice(1).join("="));
      }
    }
    return "";
  }

  // The page's language candidates, in order: the script tag's data-lang,
  // <html lang>, the portal's django_language cookie, the browser's.
  function languages() {
    var list = [script && script.getAttribute("data-lang"), d.documentElement.lang];
    try {
      list.push(readCookie("django_language"));
    } catch (e) { /* a malformed cookie is no language */ }
    return list.concat(navigator.languages || [navigator.language]).filter(Boolean);
  }

  function start(instance, container) {
    var boot = {
      config: JSON.stringify(CONFIG),
      languages: languages(),
      layout: (script && script.getAttribute("data-layout")) || "",
      theme: (script && script.getAttribute("data-theme")) || "",
      position: (script && script.getAttribute("data-position")) || "",
      secure: location.protocol === "https:",
      onReady: function (json) {
        state.choice = json ? JSON.parse(json) : null;
      },
      onChoice: function (json) {
        state.choice = JSON.parse(json);
      },
      fail: function (message) {
        state.status = "failed";
        console.error("cookie-consent: " + message);
      }
    };
    var props = { __cookieConsentBoot: value(boot) };
    GOAPP_WINDOW_PROPS.forEach(function (n) { props[n] = sink(); });
    WASM_EXEC_GLOBALS.forEach(function (n) { props[n] = value(wasmExec[n]); });

    // Go's main runs synchronously until it first blocks: by then go-app has
    // mounted the banner and assigned its handlers, all into what we lent.
    lend(w, props, function () {
      lend(d, { body: { get: function () { return container; }, enumerable: true } }, function () {
        go.run(instance).then(function () {
          state.status = "failed";
        });
      });
    });
    if (state.status === "failed" || go.exited) {
      state.status = "failed";
      return;
    }
    state.boot = boot;
    state.status = "ready";
    var pending = state.pending;
    state.pending = [];
    pending.forEach(call);
  }

  // call runs an API method on the live banner, or queues it until the
  // banner is live: calls made early are never lost.
  function call(name) {
    if (state.status === "failed") {
      return;
    }
    if (state.status !== "ready") {
      state.pending.push(name);
      return;
    }
    if (typeof state.boot[name] === "function") {
      try {
        state.boot[name]();
      } catch (err) {
        // The Go program has exited: the page's call must not throw.
        state.status = "failed";
        console.error("cookie-consent: the banner stopped:", err);
      }
    }
  }

  Promise.all([wasmReady, domReady])
    .then(function (results) {
      start(results[0].instance, mount());
    })
    .catch(function (err) {
      // Typically a Content-Security-Policy without 'wasm-unsafe-eval'. The
      // page is left as it is; nothing gated on consent runs.
      state.status = "failed";
      console.error("cookie-consent: the banner could not start:", err);
    });

  // Every link or button marked data-cc="preferences" reopens the panel.
  d.addEventListener("click", function (event) {
    var t = event.target;
    var el = t && t.closest ? t.closest("[data-cc='preferences']") : null;
    if (el) {
      event.preventDefault();
      call("show");
    }
  });

  // The public API: the only global this script leaves.
  var api = {
    show: function () { call("show"); },
    hide: function () { call("hide"); },
    acceptAll: function () { call("acceptAll"); },
    refuseAll: function () { call("refuseAll"); },
    get: function () { return state.choice && JSON.parse(JSON.stringify(state.choice)); }, // a copy: the page cannot alter ours
    accepted: function (category) {
      return !!(state.choice && state.choice.categories && state.choice.categories[category] === true);
    }
  };
  Object.defineProperty(w, "cookieConsent", { value: Object.freeze(api), enumerable: false, configurable: false, writable: false });
})();
