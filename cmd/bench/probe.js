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
    wasmStarted: null,  // a wasm instance exists and its start had a task to run
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
  observe("paint", function (e) {
    if (e.name === "first-contentful-paint") { out.fcp = e.startTime; }
  });

  // The wasm's memory: Go exports its linear memory; any exported Memory counts.
  var WA = window.WebAssembly;
  function keep(result) {
    var instance = result && result.instance ? result.instance : result;
    var exp = instance && instance.exports;
    if (exp) {
      Object.keys(exp).forEach(function (k) {
        if (exp[k] instanceof WA.Memory) { memories.push(exp[k]); }
      });
    }
    // The loader starts Go in a promise reaction of this result: once a task
    // has run after it, the Go program has started (or is about to).
    setTimeout(function () { if (out.wasmStarted === null) { out.wasmStarted = now(); } }, 0);
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
        var host = document.querySelector("cookie-consent");
        var root = host && host.shadowRoot;
        return root ? root.querySelector('[data-cc-action="' + action + '"]') : null;
      },
      choiceKnown: function () {
        var api = window.cookieConsent;
        return !!(api && typeof api.get === "function" && api.get());
      }
    },
    // vanilla-cookieconsent 3: the consent modal .cm in #cc-main, its buttons
    // marked data-role; CookieConsent.validConsent() is the stored choice.
    reference: {
      button: function (action) {
        var role = action === "accept-all" ? "all" : "necessary";
        return document.querySelector('#cc-main .cm [data-role="' + role + '"]');
      },
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

  // interactive is when a click on the banner is handled: the ready event
  // when the loader has one (cfg.readyEvent), else once the banner shows
  // and, for a wasm banner, the wasm has started.
  function interactive() {
    if (cfg.readyEvent) { return out.ready; }
    if (out.visible === null) { return null; }
    if (cfg.kind === "ours") {
      return out.wasmStarted === null ? null : Math.max(out.visible, out.wasmStarted);
    }
    return out.visible;
  }

  // settled: the page has loaded and the banner has done its work (on
  // screen and interactive on a first visit, the stored choice known on a
  // return),
  // then cfg.quietMs more went by, so that work right after is counted.
  function settled(t) {
    if (out.loaded === null) { return false; }
    var done;
    if (cfg.expect === "banner") {
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
    if (settled(t)) { finish(false); return; }
    if (t > cfg.timeoutMs) { finish(true); return; }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})
