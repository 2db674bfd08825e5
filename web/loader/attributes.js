/*
 * attributes.js: the script tag's optional attributes (data-theme,
 * data-layout, data-position, data-lang). A value the banner does not know
 * is a mistake the integrator must hear of: one console warning names the
 * attribute, the value and the allowed values, and the banner goes on with
 * the configuration's value (the wasm falls back the same way, silently).
 * Reads: script, CONFIG, FIRST_LAYER.
 */

// tagAttributes lists each attribute with its allowed values and what the
// banner uses instead of a value outside them.
function tagAttributes() {
  return [
    { name: "data-theme", allowed: FIRST_LAYER.themes, fallback: JSON.stringify(CONFIG.theme) },
    { name: "data-layout", allowed: FIRST_LAYER.layouts, fallback: JSON.stringify(CONFIG.layout) },
    { name: "data-position", allowed: FIRST_LAYER.positions, fallback: JSON.stringify(CONFIG.position) },
    // A language matches as Go's config.Language matches it ("EN", "en-GB").
    { name: "data-lang", allowed: Object.keys(CONFIG.texts), fallback: "the page's language",
      valid: function (v) { return pickLanguage([v], Object.keys(CONFIG.texts), "") !== ""; } }
  ];
}

// warnBadAttributes warns once about each attribute whose value is not
// allowed.
function warnBadAttributes() {
  if (!script) {
    return;
  }
  tagAttributes().forEach(function (a) {
    var v = script.getAttribute(a.name);
    if (v === null) {
      return;
    }
    var ok = a.valid ? a.valid(v) : a.allowed.indexOf(v) >= 0;
    if (!ok) {
      console.warn("cookie-consent: " + a.name + "=" + JSON.stringify(v) + " is not one of " +
        a.allowed.map(function (x) { return JSON.stringify(x); }).join(", ") + ": the banner uses " + a.fallback + " instead");
    }
  });
}

// tagOr is the script tag's attribute when it is one of the allowed values
// (as the wasm checks it), else the configuration's.
function tagOr(attr, allowed, fallback) {
  var v = script && script.getAttribute(attr);
  return allowed.indexOf(v) >= 0 ? v : fallback;
}
