/*
 * firstlayer.js: the first layer, shown before the wasm is live. The server
 * renders it with the live go-app component, once per language and layout
 * (FIRST_LAYER); the loader shows it as soon as the page's DOM is ready and
 * answers its buttons itself: "accept all" and "refuse all" store the choice
 * at once, "customize" opens the prerendered panel (panel.js). Whenever the
 * wasm starts, go-app replaces what is shown with the same markup, live.
 * Reads: d, state, CONFIG, FIRST_LAYER, api.
 */

// edges splits a position as Go's config.Edges does: the edge of the page
// ("top" or "bottom") and the side of a box ("right" unless named).
function edges(position) {
  var parts = position.split("-");
  return [parts[0], parts[1] || "right"];
}

// dress gives a prerendered root the layout, theme and position the script
// tag asks for, in place of the configuration's (as the wasm does).
function dress(root, layout) {
  var swap = function (from, to) {
    if (from !== to) {
      root.classList.replace(from, to);
    }
  };
  swap("cc-layout-" + CONFIG.layout, "cc-layout-" + layout);
  swap("cc-theme-" + CONFIG.theme, "cc-theme-" + tagOr("data-theme", FIRST_LAYER.themes, CONFIG.theme));
  var from = edges(CONFIG.position);
  var to = edges(tagOr("data-position", FIRST_LAYER.positions, CONFIG.position));
  swap("cc-at-" + from[0], "cc-at-" + to[0]);
  swap("cc-at-" + from[1], "cc-at-" + to[1]);
}

// tagLayout is the layout the script tag asks for, else the configuration's.
function tagLayout() {
  return tagOr("data-layout", Object.keys(FIRST_LAYER.html[state.lang] || {}), CONFIG.layout);
}

// showFirstLayer puts the prerendered first layer in our shadow root, for
// the tag's layout, with the tag's theme and position classes. The modal
// layout's is a <dialog>: it opens as a modal one and holds focus until the
// visitor answers (Escape does not dismiss it).
function showFirstLayer() {
  var layout = tagLayout();
  var html = (FIRST_LAYER.html[state.lang] || {})[layout];
  if (!html || state.choice || state.status === "ready" || state.panel) {
    return;
  }
  var root = elementFromMarkup(html);
  if (!root) {
    return; // the page forbids it; its data-cc links still open the panel
  }
  var container = mount();
  dress(root, layout);
  container.replaceChild(root, container.firstElementChild);
  state.early = root;
  entrance(root.querySelector(".cc-banner"));
  container.addEventListener("click", earlyClick);
  trackPresses(container);
  showDialog(root.querySelector("dialog"), null);
}

// earlyClick answers the prerendered buttons until the wasm is live.
function earlyClick(event) {
  if (state.status === "ready" || !state.early) {
    return; // go-app's own handlers answer
  }
  var button = event.target && event.target.closest ? event.target.closest("[data-cc-action]") : null;
  if (!button || !state.early.contains(button)) {
    return; // the panel's (panel.js)
  }
  switch (button.getAttribute("data-cc-action")) {
  case "accept-all":
    api.acceptAll();
    break;
  case "refuse-all":
    api.refuseAll();
    break;
  case "customize":
    if (!openPanel("customize")) {
      // No prerendered panel: it comes with the wasm.
      button.setAttribute("aria-busy", "true");
      state.early.classList.add("cc-busy");
      callWasm("show", "customize"); // focus comes back to the live "customize"
    }
    break;
  }
}

// removeFirstLayer takes the prerendered first layer away once a choice is
// made without the wasm; go-app later mounts in the empty place it leaves.
// If the visitor answered from it, focus goes back to the page.
function removeFirstLayer() {
  var answered = focusInBanner();
  if (state.early && state.early.parentNode) {
    state.early.parentNode.replaceChild(d.createElement("div"), state.early);
  }
  state.early = null;
  if (answered) {
    returnFocus();
  }
}

// notBusy: the panel cannot come (the wasm failed to start); the first
// layer stops saying it is loading and still answers accept and refuse.
function notBusy() {
  if (state.early) {
    state.early.classList.remove("cc-busy");
    var b = state.early.querySelector("[aria-busy]");
    if (b) {
      b.removeAttribute("aria-busy");
    }
  }
}
