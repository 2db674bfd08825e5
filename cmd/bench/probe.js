/*
 * The benchmark's probe. bench injects it with
 * Page.addScriptToEvaluateOnNewDocument, so it runs before any script of the
 * page, as
 *   (function (cfg) { ... })({...probeConfig as JSON...})
 * It watches the page from navigation start (performance.now() is 0 there)
 * and reports to Go through the Runtime binding cfg.binding:
 *   {type: "clickable", x, y}  the banner's button cfg.button can just be
 *                            clicked at these viewport coordinates (only
 *                            when cfg.reportClickable: Go then clicks there)
 *   {type: "panel"}          the preferences panel has just become visible
 *                            (only when cfg.expect is "panel": Go then reads
 *                            the main thread's busy time)
 *   {type: "switch", x, y}   the panel's first optional switch can be
 *                            clicked there (cfg.expect "panel": Go then
 *                            clicks it again and again until settled)
 *   {type: "settled", ...}   the load is over (see settled()), with every
 *                            time and count measured
 * It reads the page and never changes it, except that it wraps
 * WebAssembly.instantiate(Streaming) and the document.cookie setter to see
 * the wasm's memory and the moment the consent cookie is written.
 */
(function (cfg) {
  "use strict";
  if (window.top !== window) {
    return; // frames are not the banner
  }
  var now = function () { return performance.now(); };
  var out = {
    visible: null,      // the button is laid out and not hidden: it starts to appear
    clickable: null,    // ... and it is on screen, still, and a click at its centre hits it
    ready: null,        // cfg.readyEvent fired (ours)
    interactive: null,  // see interactive()
    live: null,         // ours: the wasm is live (data-state="live" on our container)
    panelVisible: null, // the preferences panel is visible (cfg.expect "panel")
    switchClick: null,  // the first trusted click on the panel's switch (event timeStamp)
    toggled: null,      // the first frame that shows that switch toggled
    interactions: [],   // [startTime, duration] of each event of an interaction (Event Timing)
    goInit: null,       // ours: the Go runtime and packages' initialisation (go.run to main), ms
    goRun: null,        // ours: the longest of the Go program's three start tasks (initialisation, decoding, first render), ms
    choiceKnown: null,  // the banner's API reports a valid stored choice
    loaded: null,       // the window's load event
    fcp: null,          // first-contentful-paint
    click: null,        // the first trusted click's event timeStamp
    cookieWritten: null,// the first document.cookie write of cfg.cookieName
    longTasks: [],      // [startTime, duration] of each long task
    wasmMemory: 0,      // bytes of the exported wasm memories at the end
    shownEver: false,   // the banner showed at some point
    timedOut: false,
    end: null
  };
  var memories = [];

  function send(msg) {
    var f = window[cfg.binding];
    if (typeof f === "function") {
      f(JSON.stringify(msg));
    }
  }

  // Long tasks and paints, from navigation start.
  var observers = [];
  function observe(type, fn) {
    try {
      var o = new PerformanceObserver(function (list) { list.getEntries().forEach(fn); });
      o.observe({ type: type, buffered: true });
      observers.push({ o: o, fn: fn });
    } catch (e) { /* not supported: the metric stays empty */ }
  }
  observe("longtask", function (e) { out.longTasks.push([e.startTime, e.duration]); });
  // Event Timing: from the input to the next paint after its handlers, the
  // measure behind Interaction to Next Paint.
  try {
    var eventObserver = new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) {
        if (e.interactionId) { out.interactions.push([e.startTime, e.duration]); }
      });
    });
    eventObserver.observe({ type: "event", buffered: true, durationThreshold: 16 });
    observers.push({ o: eventObserver, fn: function (e) { if (e.interactionId) { out.interactions.push([e.startTime, e.duration]); } } });
  } catch (e) { /* no Event Timing: no INP */ }
  observe("paint", function (e) {
    if (e.name === "first-contentful-paint") { out.fcp = e.startTime; }
  });

  // The wasm's memory: Go exports its linear memory; any exported Memory
  // counts. instantiate gives {module, instance} from bytes, an Instance
  // from a compiled module (what our loader does).
  var WA = window.WebAssembly;
  function keep(result) {
    var instance = result && result.instance ? result.instance : result;
    var exp = instance && instance.exports;
    if (exp) {
      Object.keys(exp).forEach(function (k) {
        if (exp[k] instanceof WA.Memory) { memories.push(exp[k]); }
      });
    }
    return result;
  }
  if (WA) {
    ["instantiate", "instantiateStreaming"].forEach(function (name) {
      var orig = WA[name];
      if (typeof orig === "function") {
        WA[name] = function () { return orig.apply(WA, arguments).then(keep); };
      }
    });
  }

  // The moment the consent cookie is written, whoever writes it.
  var cookieDesc = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  if (cookieDesc && cookieDesc.set) {
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      enumerable: cookieDesc.enumerable,
      get: cookieDesc.get,
      set: function (v) {
        if (out.cookieWritten === null && String(v).indexOf(cfg.cookieName + "=") === 0) {
          out.cookieWritten = now();
        }
        return cookieDesc.set.call(this, v);
      }
    });
  }

  window.addEventListener("click", function (e) {
    if (e.isTrusted && out.click === null) { out.click = e.timeStamp; }
  }, true);
  // The first press on the panel's switch (or its label) starts "click →
  // switch toggles"; its state then is what a toggle changes.
  window.addEventListener("pointerdown", function (e) {
    var sw = out.click !== null && out.switchClick === null ? banner.toggle() : null;
    var path = e.composedPath ? e.composedPath() : [];
    if (e.isTrusted && sw && (path.indexOf(sw) >= 0 || (sw.labels && Array.prototype.some.call(sw.labels, function (l) { return path.indexOf(l) >= 0; })))) {
      out.switchClick = e.timeStamp;
      switchWas = sw.checked;
    }
  }, true);
  var switchWas = null; // the switch's state when first clicked
  var lastSwitchHit = null;
  window.addEventListener("load", function () { out.loaded = now(); });
  function onReady() { if (out.ready === null) { out.ready = now(); } }
  if (cfg.readyEvent) {
    document.addEventListener(cfg.readyEvent, onReady, true);
    window.addEventListener(cfg.readyEvent, onReady, true);
  }

  // What each banner looks like from outside.
  var banners = {
    // Ours: the <cookie-consent> element's open shadow root holds buttons
    // marked data-cc-action; window.cookieConsent.get() is the stored choice.
    ours: {
      button: function (action) {
        var root = this.root();
        return root ? root.querySelector('[data-cc-action="' + action + '"]') : null;
      },
      root: function () {
        var host = document.querySelector("cookie-consent");
        return host && host.shadowRoot;
      },
      // The preferences panel: prerendered by the server, then go-app's.
      panel: function () {
        var root = this.root();
        return root ? root.querySelector(".cc-panel") : null;
      },
      // The panel's first optional category switch.
      toggle: function () {
        var root = this.root();
        return root ? root.querySelector(".cc-panel .cc-switch:not([disabled])") : null;
      },
      // The loader marks its container once go-app runs in it.
      live: function () {
        var root = this.root();
        var c = root && root.querySelector(".cc-container");
        return !!c && c.getAttribute("data-state") === "live";
      },
      choiceKnown: function () {
        var api = window.cookieConsent;
        return !!(api && typeof api.get === "function" && api.get());
      }
    },
    // vanilla-cookieconsent 3: the consent modal .cm in #cc-main, its buttons
    // marked data-role ("show" opens the preferences modal .pm);
    // CookieConsent.validConsent() is the stored choice.
    reference: {
      button: function (action) {
        var role = { "accept-all": "all", "refuse-all": "necessary", "customize": "show" }[action];
        return document.querySelector('#cc-main .cm [data-role="' + role + '"]');
      },
      panel: function () {
        return document.querySelector("#cc-main .pm");
      },
      toggle: function () {
        return document.querySelector("#cc-main .pm input.section__toggle:not([disabled])");
      },
      live: function () { return false; },
      choiceKnown: function () {
        var api = window.CookieConsent;
        return !!(api && typeof api.validConsent === "function" && api.validConsent());
      }
    }
  };
  var banner = banners[cfg.kind];

  // shown: laid out with a size and not hidden, so the banner starts to
  // appear. Its entrance animation is ignored: ours fades in (opacity), the
  // reference slides up from below the page (transform).
  function shown(el) {
    if (!el || !el.isConnected) { return false; }
    var r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) { return false; }
    var s = getComputedStyle(el);
    return s.visibility === "visible" && s.display !== "none";
  }

  // panelShown: shown, and not transparent (opacity above 0): ours has no
  // entrance, the reference fades in (a transition from 0).
  function panelShown(el) {
    return shown(el) && parseFloat(getComputedStyle(el).opacity) > 0;
  }

  // hittable: the button is wholly on screen where it is now (transforms
  // included) and a click at its centre lands on it. Returns that centre
  // and the box, or null.
  function hittable(el) {
    var r = el.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) { return null; }
    var x = r.left + r.width / 2;
    var y = r.top + r.height / 2;
    var root = el.getRootNode();
    var hit = root.elementFromPoint ? root.elementFromPoint(x, y) : null;
    if (!hit || (hit !== el && !el.contains(hit))) { return null; }
    return { x: x, y: y, box: [r.left, r.top, r.width, r.height].join() };
  }

  // The button is clickable once it is hittable and still: the same box in
  // two frames in a row (the reference slides in; a visitor clicks a button
  // that stopped moving). It counts from the first of the two frames.
  var lastHit = null;

  // interactive is when a visitor's click on the banner is handled: once it
  // is visible and, when the banner has a ready event (cfg.readyEvent, ours:
  // the loader answers the first layer's buttons from then on), that event
  // has fired.
  function interactive() {
    if (out.visible === null) { return null; }
    if (cfg.readyEvent) {
      return out.ready === null ? null : Math.max(out.visible, out.ready);
    }
    return out.visible;
  }

  // watchSwitch reports the panel's first optional switch once it is on
  // screen and still (scrolled into view: the only change the probe makes),
  // and notes the first frame that shows it toggled after the click.
  function watchSwitch(t) {
    var sw = banner.toggle();
    if (!sw) { return; }
    if (out.switchClick !== null) {
      // go-app's panel may have replaced the prerendered switch meanwhile:
      // the current one is what the visitor sees.
      if (out.toggled === null && sw.checked !== switchWas) { out.toggled = t; }
      return;
    }
    if (lastSwitchHit === "sent") { return; }
    var r = sw.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight) { sw.scrollIntoView({ block: "center" }); lastSwitchHit = null; return; }
    var x = r.left + r.width / 2;
    var y = r.top + r.height / 2;
    var box = [r.left, r.top, r.width, r.height].join();
    if (lastSwitchHit === box) {
      lastSwitchHit = "sent";
      send({ type: "switch", x: x, y: y });
    } else {
      lastSwitchHit = box;
    }
  }

  // settled: the page has loaded and the banner has done its work (on
  // screen and interactive on a first visit, the stored choice known on a
  // return, the panel visible after the click when opening it), then
  // cfg.quietMs more went by, so that work right after is counted.
  function settled(t) {
    if (out.loaded === null) { return false; }
    var done;
    if (cfg.expect === "panel") {
      // The panel is on screen, a click on its switch showed, and ours has
      // started its wasm (clicks go on meanwhile: INP while it starts).
      if (out.panelVisible === null || out.toggled === null || (cfg.kind === "ours" && out.live === null)) { return false; }
      done = Math.max(out.loaded, out.panelVisible, out.toggled, out.live || 0);
    } else if (cfg.expect === "banner") {
      var i = interactive();
      if (out.clickable === null || i === null) { return false; }
      done = Math.max(out.loaded, out.clickable, i);
    } else {
      if (out.choiceKnown === null) { return false; }
      done = Math.max(out.loaded, out.choiceKnown);
    }
    return t >= done + cfg.quietMs;
  }

  function finish(timedOut) {
    observers.forEach(function (x) { x.o.takeRecords().forEach(x.fn); x.o.disconnect(); });
    out.timedOut = timedOut;
    out.interactive = interactive();
    out.wasmMemory = memories.reduce(function (n, m) { return n + m.buffer.byteLength; }, 0);
    // Our loader's performance marks around the Go program's start.
    var start = performance.getEntriesByName("cookie-consent:go-start")[0];
    var main = performance.getEntriesByName("cookie-consent:go-main")[0];
    if (start && main) { out.goInit = main.startTime - start.startTime; }
    ["cookie-consent:go-init", "cookie-consent:go-decode", "cookie-consent:go-render"].forEach(function (name) {
      var m = performance.getEntriesByName(name, "measure")[0];
      if (m && (out.goRun === null || m.duration > out.goRun)) { out.goRun = m.duration; }
    });
    out.end = now();
    out.type = "settled";
    send(out);
  }

  function tick() {
    var t = now();
    var b = banner.button(cfg.button);
    if (shown(b)) {
      out.shownEver = true;
      if (out.visible === null) { out.visible = t; }
      if (out.clickable === null) {
        var at = hittable(b);
        if (at && lastHit && at.box === lastHit.box) {
          out.clickable = lastHit.t;
          if (cfg.reportClickable) { send({ type: "clickable", x: at.x, y: at.y }); }
        }
        lastHit = at && { box: at.box, t: t };
      }
    }
    if (out.choiceKnown === null && banner.choiceKnown()) { out.choiceKnown = t; }
    if (out.live === null && banner.live()) { out.live = t; }
    // The panel counts once the visitor has clicked: a panel shown without
    // a click would not be this measure.
    if (cfg.expect === "panel" && out.panelVisible === null && out.click !== null && panelShown(banner.panel())) {
      out.panelVisible = t;
      send({ type: "panel" });
    }
    if (cfg.expect === "panel" && out.panelVisible !== null) { watchSwitch(t); }
    if (settled(t)) { finish(false); return; }
    if (t > cfg.timeoutMs) { finish(true); return; }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})
