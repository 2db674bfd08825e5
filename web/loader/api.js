/*
 * api.js: window.cookieConsent, the only global the loader leaves. Every
 * method answers at once, before the banner is live: the choice is read and
 * stored in JavaScript. Only show() needs the banner (the wasm), which it
 * starts; hide() waits for it when show() came first.
 */

// showFrom opens the panel for an element of the page (it gets focus back
// when the panel closes), or null: at once, or once the page's DOM is there.
function showFrom(opener) {
  var open = function () {
    if (state.status === "ready") {
      callWasm("show");
    } else if (!openPanel(opener)) {
      callWasm("show"); // no prerendered panel: the live one comes with the wasm
    }
  };
  if (d.readyState === "loading") {
    domReady.then(open);
  } else {
    open();
  }
}

// activeElement is the page's element that has focus, if any (not ours,
// not the document's body).
function activeElement() {
  var el = d.activeElement;
  return el && el !== d.body && el !== d.documentElement && el.localName !== "cookie-consent" ? el : null;
}

var api = {
  // accepted reports whether the visitor accepted the category.
  accepted: function (category) {
    return !!(state.choice && state.choice.categories[category] === true);
  },
  // get returns a copy of the current choice, or null before any.
  get: function () {
    return copyChoice(state.choice);
  },
  // show opens the preferences panel: the prerendered one at once, which
  // the wasm then takes over, or the live one.
  show: function () {
    showFrom(activeElement());
  },
  // hide closes the panel. Without a panel there is nothing to close, and
  // the first layer stays until the visitor answers.
  hide: function () {
    if (state.panel) {
      closePanel(false);
    } else if (state.status === "ready" || state.status === "loading") {
      callWasm("hide");
    }
  },
  acceptAll: function () {
    choose(answers(true));
  },
  refuseAll: function () {
    choose(answers(false));
  },
  // set stores a choice that changes the given categories and keeps the
  // others as they are (refused before any choice). Required and unknown
  // categories are left alone, with a warning for the latter. It returns
  // whether a choice was stored.
  set: function (categories) {
    if (!categories || typeof categories !== "object") {
      console.error("cookie-consent: set() takes an object such as {statistics: true}");
      return false;
    }
    var cats = answers(false);
    if (state.choice) {
      Object.keys(cats).forEach(function (id) { cats[id] = cats[id] || state.choice.categories[id] === true; });
    }
    Object.keys(categories).forEach(function (id) {
      var cat = CONFIG.categories.filter(function (c) { return c.id === id; })[0];
      if (!cat) {
        console.warn("cookie-consent: set(): no category " + JSON.stringify(id));
      } else if (!cat.required) {
        cats[id] = categories[id] === true;
      }
    });
    choose(cats);
    return true;
  }
};
