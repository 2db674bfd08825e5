/*
 * api.js: window.cookieConsent, the only global the loader leaves. Every
 * method answers at once, before the banner is live: the choice is read and
 * stored in JavaScript. Only show() needs the banner (the wasm), which it
 * starts; hide() waits for it when show() came first.
 */

var api = {
  // accepted reports whether the visitor accepted the category.
  accepted: function (category) {
    return !!(state.choice && state.choice.categories[category] === true);
  },
  // get returns a copy of the current choice, or null before any.
  get: function () {
    return copyChoice(state.choice);
  },
  show: function () {
    callWasm("show");
  },
  // hide closes the panel. The panel only exists once the banner is live
  // (or on its way, after show()); otherwise there is nothing to close, and
  // the first layer stays until the visitor answers.
  hide: function () {
    if (state.status === "ready" || state.status === "loading") {
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
