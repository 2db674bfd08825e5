/*
 * firstlayer.js: the first layer, shown before the wasm is live. The server
 * renders it with the live go-app component, once per language
 * (FIRST_LAYER); the loader shows it as soon as the page's DOM is ready and
 * answers its buttons itself: "accept all" and "refuse all" store the choice
 * at once, "customize" says it is loading and opens the panel when the wasm
 * is live. go-app then replaces it with the same markup, live.
 */

// The values Go accepts for data-layout and data-theme (config.IsLayout,
// config.IsTheme); any other keeps the configuration's, as in the wasm.
var LAYOUTS = ["bar", "box", "modal"];
var THEMES = ["light", "dark", "auto"];

function overridden(attr, allowed, fallback) {
  var v = script && script.getAttribute(attr);
  return allowed.indexOf(v) >= 0 ? v : fallback;
}

// showFirstLayer puts the prerendered first layer in our shadow root.
function showFirstLayer() {
  var html = FIRST_LAYER[state.lang];
  if (!html || state.choice || state.status === "ready") {
    return;
  }
  var container = mount();
  var template = d.createElement("template");
  template.innerHTML = html;
  var root = template.content.firstElementChild;
  root.classList.replace("cc-layout-" + CONFIG.layout, "cc-layout-" + overridden("data-layout", LAYOUTS, CONFIG.layout));
  root.classList.replace("cc-theme-" + CONFIG.theme, "cc-theme-" + overridden("data-theme", THEMES, CONFIG.theme));
  container.replaceChild(root, container.firstElementChild);
  state.early = root;
  container.addEventListener("click", earlyClick);
}

// earlyClick answers the prerendered buttons until the wasm is live.
function earlyClick(event) {
  if (state.status === "ready" || !state.early) {
    return; // go-app's own handlers answer
  }
  var button = event.target && event.target.closest ? event.target.closest("[data-cc-action]") : null;
  switch (button && button.getAttribute("data-cc-action")) {
  case "accept-all":
    api.acceptAll();
    break;
  case "refuse-all":
    api.refuseAll();
    break;
  case "customize":
    button.setAttribute("aria-busy", "true");
    state.early.classList.add("cc-busy");
    api.show();
    break;
  }
}

// removeFirstLayer takes the prerendered first layer away once a choice is
// made without the wasm; go-app later mounts in the empty place it leaves.
function removeFirstLayer() {
  if (state.early && state.early.parentNode) {
    state.early.parentNode.replaceChild(d.createElement("div"), state.early);
  }
  state.early = null;
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
