/*
 * panel.js: the preferences panel before the wasm is live. The server
 * renders it with the live go-app component, once per language (PANEL);
 * the loader shows it in the frame after the click that asks for it, with
 * the visitor's choice, and answers it itself: the switches are real
 * checkboxes, "save", "accept all", "refuse all", the close control and
 * Escape store or close as the live panel does (apply.js does what follows
 * a choice). It is the live panel's native <dialog>, opened as a modal one
 * (dialog.js). The wasm starts as it opens, and go-app takes the panel over
 * in place (web/start/go.js), with the switches and focus as the visitor left them.
 *
 * Reads: state, CONFIG, PANEL, FIRST_LAYER, d, w.
 */

// The elements of the prerendered panel the loader reads or adjusts: the
// box that scrolls and makes its entrance, and the dialog (app/ui/focus.go).
var PANEL_DIALOG = ".cc-panel";
var PANEL_MODAL = "#cc-panel-dialog";
var SWITCH_PREFIX = "cc-switch-"; // + category id (app/ui/handlers.go)

// sparing: the visitor asked their browser to spare data (Save-Data), or
// is on a 2G connection. The prerendered panel then serves alone: it does
// all the live one does, and 1.4 MB of wasm is not worth their data.
function sparing() {
  var c = navigator.connection;
  return !!(c && (c.saveData || /2g/.test(c.effectiveType || "")));
}

// openPanel shows the prerendered panel with the visitor's current choice
// and starts the wasm that takes it over. opener is what gets focus back
// when it closes: the first layer's action whose button opened it
// ("customize"), or an element of the page (a data-cc="preferences" link),
// or null. It returns false when there is no prerendered panel to show.
function openPanel(opener) {
  if (state.panel) {
    return true;
  }
  var root = state.prepared || preparePanel();
  state.prepared = null;
  if (!root) {
    return false;
  }
  var cats = state.choice ? state.choice.categories : {};
  CONFIG.categories.forEach(function (c) {
    var input = root.querySelector("#" + SWITCH_PREFIX + c.id);
    if (input && !c.required) {
      input.checked = cats[c.id] === true;
    }
  });
  // Drawn for a visitor with a choice and the GPC signal on: what does not
  // apply to this one goes, as the live panel would not draw it, and on a
  // first visit the close control says it goes back to the first layer.
  var close = root.querySelector("[data-cc-action='close']");
  if (close && !state.choice && state.texts.closeToBanner) {
    close.setAttribute("aria-label", state.texts.closeToBanner);
  }
  if (!gpcOn()) {
    removeAll(root, ".cc-gpc-note");
  }
  var container = mount();
  // The modal first layer leaves the top layer as the panel takes its place.
  closeDialog(container.firstElementChild && container.firstElementChild.querySelector("dialog"));
  container.replaceChild(root, container.firstElementChild);
  state.panel = { root: root, opener: opener };
  if (!state.panelListening) {
    state.panelListening = true;
    container.addEventListener("click", panelClick);
  }
  trackPresses(container);
  showPanelElement(root);
  if (!sparing()) {
    afterEntrance().then(function () { afterPaint(bootWasm); });
  }
  return true;
}

// preparePanel builds the prerendered panel's elements, off the page, for
// openPanel: on the visitor's way to the panel (wasm.js: prefetchOnIntent),
// so that the click only puts them on screen. null without a panel.
function preparePanel() {
  var html = PANEL[state.lang];
  if (!html) {
    return null;
  }
  var root = elementFromMarkup(html);
  if (root) {
    dress(root, tagLayout());
  }
  return root;
}

// afterPaint runs fn once the frame that shows what was just put on screen
// has been drawn. The wasm is fetched after the panel's entrance and that
// frame: receiving 8 MB takes the main thread too, and made the panel wait
// on a slow CPU.
function afterPaint(fn) {
  w.requestAnimationFrame(function () {
    setTimeout(fn, 0);
  });
}

// showPanelElement puts the panel in front, as a modal dialog, and focus in
// it, so that a screen reader announces it and Tab starts and stays inside
// it; Escape closes it, as the close control does.
function showPanelElement(root) {
  showDialog(root.querySelector(PANEL_MODAL), function () {
    closePanel(false);
  });
  entrance(root.querySelector(PANEL_DIALOG));
}

function removeAll(root, selector) {
  Array.prototype.forEach.call(root.querySelectorAll(selector), function (el) {
    el.parentNode.removeChild(el);
  });
}

// panelSwitches reads the prerendered panel's switches: every category,
// required ones on.
function panelSwitches(root) {
  var cats = {};
  CONFIG.categories.forEach(function (c) {
    var input = root.querySelector("#" + SWITCH_PREFIX + c.id);
    cats[c.id] = c.required === true || !!(input && input.checked);
  });
  return cats;
}

// closePanel takes the prerendered panel away, with focus where the live
// panel puts it (app/ui/focus.go: focusBack). Without a choice (chosen
// false and none stored) the first layer comes back, as the live panel's
// does, focus on its "customize" button if that opened the panel, else in
// the modal first layer, else on the page's element that opened it.
// Otherwise focus goes back to that element, else to the page (focus.js:
// returnFocus), never to <body>.
function closePanel(chosen) {
  var p = state.panel;
  if (!p) {
    return;
  }
  state.panel = null;
  var page = typeof p.opener === "object" && p.opener && p.opener.isConnected ? p.opener : null;
  closeDialog(p.root.querySelector(PANEL_MODAL));
  if (!chosen && !state.choice && state.early) {
    p.root.parentNode.replaceChild(state.early, p.root);
    var modal = state.early.querySelector("dialog");
    showDialog(modal, null); // the modal first layer holds focus until the visitor answers
    var back = typeof p.opener === "string" ? state.early.querySelector("[data-cc-action='" + p.opener + "']") : null;
    if (back) {
      back.focus();
    } else if (!modal && page) {
      focusOn(page);
    }
    return;
  }
  p.root.parentNode.replaceChild(d.createElement("div"), p.root);
  if (page) {
    focusOn(page);
  }
  returnFocus(); // leaves alone a focus the page holds
}

// panelClick answers the prerendered panel's buttons until the wasm is
// live; the switches need no help (they are checkboxes).
function panelClick(event) {
  var p = state.panel;
  if (state.status === "ready" || !p) {
    return; // go-app's own handlers answer
  }
  var button = event.target && event.target.closest ? event.target.closest("[data-cc-action]") : null;
  if (!button || !p.root.contains(button)) {
    return;
  }
  switch (button.getAttribute("data-cc-action")) {
  case "accept-all":
    api.acceptAll();
    break;
  case "refuse-all":
    api.refuseAll();
    break;
  case "save":
    choose(panelSwitches(p.root));
    break;
  case "close":
    closePanel(false);
    break;
  }
}

// trackPresses listens for presses on our container, once.
function trackPresses(container) {
  if (state.tracking) {
    return;
  }
  state.tracking = true;
  ["pointerdown", "pointerup", "pointercancel", "keydown", "keyup", "click"].forEach(function (type) {
    container.addEventListener(type, trackPress, true);
  });
}

// trackPress notes a press in progress on the prerendered markup (a pointer
// or a key down, its click not yet dispatched): the takeover waits for its
// end, else the element pressed would be gone before its click and the
// click lost (web/start/go.js: whenSettled).
function trackPress(event) {
  switch (event.type) {
  case "pointerdown":
  case "keydown":
    state.pressing = true;
    state.lastInput = Date.now();
    break;
  default:
    if (state.pressing) {
      state.pressing = false;
      // The click follows pointerup and keyup in the same task at most:
      // let it be dispatched first.
      setTimeout(function () {
        var waiting = state.afterPress;
        state.afterPress = null;
        if (waiting && !state.pressing) {
          waiting();
        }
      }, 0);
    }
  }
}
