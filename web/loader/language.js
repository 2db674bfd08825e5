/*
 * language.js: which language the banner speaks, and its texts in it,
 * exactly as Go's config.Language and config.TextsFor choose them, so that
 * what the loader shows by itself (blocked-content notices) and what the
 * wasm shows agree. app/config/testdata/languages.json drives both.
 */

// normalizeTag lowercases a language tag with "-" separators, or returns ""
// when it does not look like a BCP 47 tag.
function normalizeTag(s) {
  s = String(s).trim().replace(/_/g, "-").toLowerCase();
  if (s === "" || s.length > 35) {
    return "";
  }
  var parts = s.split("-");
  for (var i = 0; i < parts.length; i++) {
    var ok = i === 0 ? /^[a-z]{2,8}$/.test(parts[i]) : /^[a-z0-9]{1,8}$/.test(parts[i]);
    if (!ok) {
      return "";
    }
  }
  return s;
}

function primarySubtag(tag) {
  var i = tag.indexOf("-");
  return i < 0 ? tag : tag.slice(0, i);
}

// pickLanguage returns the first candidate that matches a key (exactly, then
// by primary subtag, bare key first), else the default language.
function pickLanguage(candidates, keys, def) {
  keys = keys.slice().sort();
  for (var i = 0; i < candidates.length; i++) {
    var tag = candidates[i] ? normalizeTag(candidates[i]) : "";
    if (!tag) {
      continue;
    }
    for (var j = 0; j < keys.length; j++) {
      if (keys[j].toLowerCase() === tag) {
        return keys[j];
      }
    }
    for (var k = 0; k < keys.length; k++) {
      if (primarySubtag(keys[k].toLowerCase()) === primarySubtag(tag)) {
        return keys[k];
      }
    }
  }
  return def;
}

function blank(s) {
  return typeof s !== "string" || s.trim() === "";
}

// localized picks a text of a category or cookie in lang, else in def.
function localized(texts, lang, def) {
  texts = texts || {};
  var pick = function (l) {
    if (!l) {
      return "";
    }
    if (!blank(texts[l])) {
      return texts[l];
    }
    var keys = Object.keys(texts);
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].toLowerCase() === l.toLowerCase() && !blank(texts[keys[i]])) {
        return texts[keys[i]];
      }
    }
    return "";
  };
  return pick(lang) || pick(def);
}

// textsFor is the configuration's interface texts in lang, every blank one
// filled from the default language.
function textsFor(config, lang) {
  var t = config.texts[lang] || {};
  var def = config.texts[config.defaultLanguage] || {};
  var out = {};
  Object.keys(def).forEach(function (k) {
    out[k] = blank(t[k]) ? def[k] : t[k];
  });
  return out;
}

// languageCandidates are the page's languages, in order: the script tag's
// data-lang, <html lang>, the portal's django_language cookie, the browser's.
function languageCandidates() {
  var list = [script && script.getAttribute("data-lang"), d.documentElement.lang];
  cookieValues(readDocumentCookie(), "django_language").forEach(function (v) {
    try {
      list.push(decodeURIComponent(v));
    } catch (e) { /* a malformed cookie is no language */ }
  });
  return list.concat(navigator.languages || [navigator.language]).filter(Boolean);
}
