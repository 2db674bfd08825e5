/*
 * cookie.js: the cookies_preferences cookie in JavaScript, exactly as
 * app/consent does it in Go (read, judge, write), so that the loader can
 * apply a stored choice, and store one, without the wasm.
 * app/consent/testdata/vectors.json drives both implementations.
 */

var COOKIE_NAME = "cookies_preferences";
var COOKIE_VERSION = 1;
var MAX_VALUE_BYTES = 4096;
var MAX_CATEGORIES = 64;
var MAX_REVISION = 2147483647;
var MAX_SAFE_INTEGER = 9007199254740991;
var CLOCK_SKEW = 86400; // a choice stamped up to a day ahead is still the visitor's
var DAY = 86400;
var ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
var CATEGORY_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
var CHOICE_KEYS = ["v", "rev", "id", "ts", "categories"];

function has(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function isInteger(x, min, max) {
  return typeof x === "number" && Math.floor(x) === x && x >= min && x <= max;
}

function byteLength(s) {
  return new TextEncoder().encode(s).length; // UTF-8, as Go counts
}

// decodeChoice parses one cookie value (still URL-encoded) and checks the
// form of every field; it returns the choice or null.
function decodeChoice(value) {
  if (byteLength(value) > MAX_VALUE_BYTES) {
    return null;
  }
  var o;
  try {
    o = JSON.parse(decodeURIComponent(value));
  } catch (e) {
    return null;
  }
  if (!o || typeof o !== "object" || Array.isArray(o)) {
    return null;
  }
  var keys = Object.keys(o);
  if (keys.length !== CHOICE_KEYS.length || !CHOICE_KEYS.every(function (k) { return has(o, k); })) {
    return null;
  }
  if (o.v !== COOKIE_VERSION || !isInteger(o.rev, 1, MAX_REVISION) || !isInteger(o.ts, 1, MAX_SAFE_INTEGER) ||
      typeof o.id !== "string" || !ID_PATTERN.test(o.id)) {
    return null;
  }
  var cats = o.categories;
  if (!cats || typeof cats !== "object" || Array.isArray(cats)) {
    return null;
  }
  var ids = Object.keys(cats);
  if (ids.length === 0 || ids.length > MAX_CATEGORIES) {
    return null;
  }
  var categories = {};
  for (var i = 0; i < ids.length; i++) {
    if (!CATEGORY_PATTERN.test(ids[i]) || typeof cats[ids[i]] !== "boolean") {
      return null;
    }
    categories[ids[i]] = cats[ids[i]];
  }
  return { v: o.v, rev: o.rev, id: o.id, ts: o.ts, categories: categories };
}

// cookieValues lists, in order, the raw values of the cookies of that name
// in a document.cookie string (a name set on the host and on a parent
// domain appears twice).
function cookieValues(cookies, name) {
  var out = [];
  (cookies || "").split(";").forEach(function (part) {
    part = part.trim();
    var eq = part.indexOf("=");
    if (eq >= 0 && part.slice(0, eq) === name) {
      out.push(part.slice(eq + 1));
    }
  });
  return out;
}

// readChoice finds our cookie in a document.cookie string; when it appears
// more than once (host and parent domain), the first that decodes wins.
function readChoice(cookies) {
  var values = cookieValues(cookies, COOKIE_NAME);
  for (var i = 0; i < values.length; i++) {
    var c = decodeChoice(values[i]);
    if (c) {
      return c;
    }
  }
  return null;
}

// rulesOf is what the configuration asks of a stored choice (Go's
// config.Rules), in seconds.
function rulesOf(config) {
  var lifetime = config.lifetimeDays * DAY;
  return {
    revision: config.revision,
    lifetime: lifetime,
    refusalLifetime: config.refusalLifetimeDays ? config.refusalLifetimeDays * DAY : lifetime,
    categories: config.categories.map(function (c) { return c.id; }),
    required: config.categories.filter(function (c) { return c.required; }).map(function (c) { return c.id; })
  };
}

// isRefusal: the choice accepts no category that can be refused.
function isRefusal(choice, rules) {
  return Object.keys(choice.categories).every(function (id) {
    return !choice.categories[id] || rules.required.indexOf(id) >= 0;
  });
}

// lifetimeOf is how long the choice stays valid, in seconds; it is also the
// cookie's Max-Age.
function lifetimeOf(choice, rules) {
  return isRefusal(choice, rules) ? rules.refusalLifetime : rules.lifetime;
}

// stillValid says whether a decoded choice still answers the rules at now
// (seconds): same revision, not expired, every category answered, required
// ones on.
function stillValid(choice, rules, now) {
  if (choice.rev !== rules.revision || choice.ts > now + CLOCK_SKEW || now >= choice.ts + lifetimeOf(choice, rules)) {
    return false;
  }
  var ids = Object.keys(choice.categories);
  return ids.length === rules.categories.length &&
    rules.categories.every(function (id) { return has(choice.categories, id); }) &&
    rules.required.every(function (id) { return choice.categories[id] === true; });
}

// currentChoice is the visitor's valid choice in a cookie string, or null.
function currentChoice(cookies, rules, now) {
  var c = readChoice(cookies);
  return c && stillValid(c, rules, now) ? c : null;
}

// encodeChoice is the cookie value: encodeURIComponent of the JSON object,
// keys in Go's order, categories sorted, byte for byte what Go writes.
function encodeChoice(choice) {
  var sorted = {};
  Object.keys(choice.categories).sort().forEach(function (k) { sorted[k] = choice.categories[k]; });
  return encodeURIComponent(JSON.stringify({ v: choice.v, rev: choice.rev, id: choice.id, ts: choice.ts, categories: sorted }));
}

// newId is a random consent id: 16 random bytes, URL-safe base64 without
// padding, as Go's consent.NewID.
function newId() {
  var bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// newChoice is a choice made now under the configuration's revision.
function newChoice(rules, categories, now) {
  return { v: COOKIE_VERSION, rev: rules.revision, id: newId(), ts: now, categories: categories };
}

// setCookieString is what to assign to document.cookie to store the choice,
// as Go's consent.SetCookie.
function setCookieString(choice, rules, domain, secure) {
  return COOKIE_NAME + "=" + encodeChoice(choice) + "; Path=/; Max-Age=" + lifetimeOf(choice, rules) +
    "; SameSite=Lax" + (domain ? "; Domain=" + domain : "") + (secure ? "; Secure" : "");
}

// cookieNames lists the names in a document.cookie string.
function cookieNames(cookies) {
  return (cookies || "").split(";").map(function (p) {
    var eq = p.indexOf("=");
    return (eq < 0 ? p : p.slice(0, eq)).trim();
  }).filter(Boolean);
}

// matchesCookie: a configured name matches exactly, or as a prefix when it
// ends with "*" ("_ga*" matches "_ga" and "_ga_XYZ").
function matchesCookie(pattern, name) {
  if (pattern.charAt(pattern.length - 1) === "*") {
    return name.indexOf(pattern.slice(0, -1)) === 0;
  }
  return name === pattern;
}

// deletionStrings lists what to assign to document.cookie to delete a
// cookie wherever a script may have set it: without Domain, and on the host
// and each parent domain; on "/" and on each prefix of the page's path.
function deletionStrings(name, hostname, pathname) {
  var domains = [""];
  var labels = hostname.split(".");
  if (!/^[0-9.]+$/.test(hostname) && hostname.indexOf(":") < 0) {
    for (var i = 0; i < labels.length - 1; i++) {
      domains.push(labels.slice(i).join("."));
    }
  }
  var paths = ["/"];
  var segs = pathname.split("/");
  for (var j = 2; j <= segs.length; j++) {
    var p = segs.slice(0, j).join("/");
    if (p && paths.indexOf(p) < 0) {
      paths.push(p);
    }
    if (j < segs.length && paths.indexOf(p + "/") < 0) {
      paths.push(p + "/");
    }
  }
  var out = [];
  domains.forEach(function (dom) {
    paths.forEach(function (path) {
      out.push(name + "=; Max-Age=0; Path=" + path + (dom ? "; Domain=" + dom : ""));
    });
  });
  return out;
}
