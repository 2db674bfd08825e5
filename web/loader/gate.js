/*
 * gate.js: what the page blocks until its category is accepted.
 *   <script type="text/plain" data-category="statistics" [src]>  runs, in
 *       document order, once; data-type gives the type to run it as
 *       ("module"); data-category may list several ids, all needed.
 *   <iframe data-category="…" data-src="…">  loads; until then a notice
 *       with a button that accepts its category stands in its place.
 *   <img data-category="…" data-src="…">  loads.
 * Elements added to the page later are gated too (a MutationObserver).
 */

var GATED = "script[type='text/plain'][data-category], iframe[data-category][data-src], img[data-category][data-src]";
// done: the gated elements already let through (never twice); queue: the
// scripts waiting for the one running; notices: the blocked iframes' notices.
var gateState = { done: new WeakSet(), queue: [], running: false, notices: [] };

function gateCategories(el) {
  return (el.getAttribute("data-category") || "").split(/\s+/).filter(Boolean);
}

function gateAllows(el, choice) {
  var cats = gateCategories(el);
  return !!choice && cats.length > 0 && cats.every(function (c) { return choice.categories[c] === true; });
}

// gateScan activates, in document order, every gated element in root (an
// element or the document) that the choice allows, and puts a notice in
// place of each blocked iframe.
function gateScan(root, choice, texts) {
  var list = [];
  if (root.nodeType === 1 && root.matches && root.matches(GATED)) {
    list.push(root);
  }
  if (root.querySelectorAll) {
    list = list.concat(Array.prototype.slice.call(root.querySelectorAll(GATED)));
  }
  list.forEach(function (el) {
    if (gateState.done.has(el)) {
      return;
    }
    if (!gateAllows(el, choice)) {
      if (el.tagName === "IFRAME") {
        gateNotice(el, texts);
      }
      return;
    }
    gateState.done.add(el);
    if (el.tagName === "SCRIPT") {
      gateState.queue.push(el);
    } else {
      gateRemoveNotice(el);
      el.setAttribute("src", el.getAttribute("data-src"));
    }
  });
  gateRun();
}

// gateRun runs the queued scripts one after the other: an external script
// must have loaded (or failed) before the next one runs, as in the page.
function gateRun() {
  if (gateState.running) {
    return;
  }
  var old = gateState.queue.shift();
  if (!old) {
    return;
  }
  gateState.running = true;
  var next = function () {
    gateState.running = false;
    gateRun();
  };
  // The page's own element runs, put back in its place as a script: moving
  // it is no Trusted Types sink (setting a script's src or text would be
  // one), and it keeps its attributes, its nonce and the text the parser
  // gave it. It was never started (text/plain), so inserting it runs it.
  var s = old; // the same element, now a script
  var type = old.getAttribute("data-type");
  s.removeAttribute("data-type");
  if (type) {
    s.setAttribute("type", type);
  } else {
    s.removeAttribute("type");
  }
  var external = old.hasAttribute("src");
  if (external) {
    s.async = false;
    s.onload = s.onerror = next;
  }
  var parent = old.parentNode;
  var after = old.nextSibling;
  try {
    if (parent) {
      parent.removeChild(old);
      parent.insertBefore(s, after);
    } else {
      (d.head || d.documentElement).appendChild(s);
    }
  } catch (e) {
    external = false;
  }
  if (!external) {
    next();
  }
}

// gateNotice puts, before a blocked iframe (hidden meanwhile), a notice in
// a shadow root of its own (the page's CSS cannot break it) with a button
// that accepts the iframe's categories: like set(), it stores a choice that
// keeps the other categories' answers (refused before any), which the
// notice's default text says.
function gateNotice(frame, texts) {
  for (var i = 0; i < gateState.notices.length; i++) {
    if (gateState.notices[i].frame === frame) {
      return;
    }
  }
  var cats = gateCategories(frame);
  var labels = cats.map(function (id) {
    var cat = CONFIG.categories.filter(function (c) { return c.id === id; })[0];
    return cat ? localized(cat.label, state.lang, CONFIG.defaultLanguage) : id;
  });
  var host = d.createElement("cookie-consent-notice");
  host.setAttribute("data-cookie-consent-notice", "");
  var root = host.attachShadow({ mode: "open" });
  var width = frame.getAttribute("width");
  var height = frame.getAttribute("height");
  var style = d.createElement("style");
  style.textContent = NOTICE_CSS +
    ":host{width:" + (width ? (/^\d+$/.test(width) ? width + "px" : width) : "100%") + " !important;" +
    (height ? "min-height:" + (/^\d+$/.test(height) ? height + "px" : height) + " !important;" : "") + "}";
  root.appendChild(style);
  var box = d.createElement("div");
  box.className = "cc-notice";
  box.setAttribute("part", "notice");
  box.setAttribute("lang", state.lang);
  var p = d.createElement("p");
  p.textContent = texts.blockedContent.split("{category}").join(labels.join(", "));
  var button = d.createElement("button");
  button.type = "button";
  button.textContent = texts.allowContent.split("{category}").join(labels.join(", "));
  button.setAttribute("part", "notice-button");
  button.addEventListener("click", function () {
    var answer = {};
    cats.forEach(function (id) { answer[id] = true; });
    api.set(answer);
  });
  box.appendChild(p);
  box.appendChild(button);
  root.appendChild(box);
  var display = frame.style.display;
  frame.style.display = "none";
  frame.parentNode.insertBefore(host, frame);
  gateState.notices.push({ frame: frame, host: host, display: display });
}

function gateRemoveNotice(frame) {
  gateState.notices = gateState.notices.filter(function (n) {
    if (n.frame !== frame) {
      return true;
    }
    if (n.host.parentNode) {
      n.host.parentNode.removeChild(n.host);
    }
    frame.style.display = n.display;
    return false;
  });
}

var NOTICE_CSS = ":host{all:initial !important;display:block !important;box-sizing:border-box !important}" +
  ".cc-notice{box-sizing:border-box;height:100%;display:flex;flex-direction:column;justify-content:center;align-items:flex-start;gap:.75em;" +
  "padding:1em;font-family:var(--cc-font-family,system-ui,sans-serif);font-size:var(--cc-font-size,16px);line-height:1.5;" +
  "color:var(--cc-fg,#161616);background:var(--cc-bg,#fff);border:1px solid var(--cc-border,#929292);border-radius:var(--cc-radius,4px)}" +
  ".cc-notice p{margin:0}" +
  "button{font:inherit;font-weight:600;padding:.5em 1em;border-radius:var(--cc-radius,4px);cursor:pointer;" +
  "color:var(--cc-primary-fg,#fff);background:var(--cc-primary,#000091);border:2px solid var(--cc-primary,#000091)}" +
  "button:focus-visible{outline:3px solid var(--cc-focus,#0a76f6);outline-offset:2px}";

// gateWatch gates the elements the page adds after load.
function gateWatch() {
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      for (var i = 0; i < r.addedNodes.length; i++) {
        if (r.addedNodes[i].nodeType === 1) {
          gateScan(r.addedNodes[i], state.choice, state.texts);
        }
      }
    });
  }).observe(d.documentElement, { childList: true, subtree: true });
}
