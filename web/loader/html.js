/*
 * html.js: the one place where the loader turns markup into elements. The
 * only markup it ever parses is the server's: the banner the server
 * prerendered with the live go-app component (the first layer, FIRST_LAYER,
 * and the panel, PANEL). On a page whose Content-Security-Policy requires
 * Trusted Types (require-trusted-types-for 'script'), it goes through one
 * policy, named "cookie-consent", that passes that markup and nothing else;
 * the page allows it with trusted-types cookie-consent.
 * Reads: w, d, FIRST_LAYER, PANEL.
 */

var TRUSTED_TYPES_POLICY = "cookie-consent";
// markupPolicy: undefined until first needed, then the policy, or null
// where the browser has no Trusted Types.
var markupPolicy;

// serverMarkups lists every markup string the server rendered (the
// prerendered banner, per language and layout, and panel, per language).
function serverMarkups() {
  var out = [];
  var walk = function (v) {
    if (typeof v === "string") {
      out.push(v);
    } else if (v && typeof v === "object") {
      Object.keys(v).forEach(function (k) { walk(v[k]); });
    }
  };
  walk(FIRST_LAYER.html);
  walk(PANEL);
  return out;
}

// trustedMarkup returns html as the page's Trusted Types want it: through
// our policy, which refuses anything the server did not render. Where the
// page's CSP allows no policy of our name, the plain string goes on: a page
// that lists policy names without requiring Trusted Types still takes it,
// one that requires them refuses it (elementFromMarkup says why).
function trustedMarkup(html) {
  if (markupPolicy === undefined) {
    markupPolicy = null;
    var tt = w.trustedTypes;
    if (tt && typeof tt.createPolicy === "function") {
      try {
        markupPolicy = tt.createPolicy(TRUSTED_TYPES_POLICY, {
          createHTML: function (s) {
            if (serverMarkups().indexOf(s) < 0) {
              throw new TypeError("cookie-consent: the policy " + TRUSTED_TYPES_POLICY + " passes only the banner's own markup");
            }
            return s;
          }
        });
      } catch (err) { /* not allowed by the page's trusted-types directive */ }
    }
  }
  return markupPolicy ? markupPolicy.createHTML(html) : html;
}

// elementFromMarkup returns the first element of the server's markup, not
// yet in the page, or null (with the reason in the console) when the page
// forbids it: a CSP that requires Trusted Types and whose trusted-types
// directive does not name our policy.
function elementFromMarkup(html) {
  var template = d.createElement("template");
  try {
    template.innerHTML = trustedMarkup(html);
  } catch (err) {
    console.error("cookie-consent: the banner cannot be shown: the page's Content-Security-Policy must allow the Trusted Types policy " +
      JSON.stringify(TRUSTED_TYPES_POLICY) + " (trusted-types " + TRUSTED_TYPES_POLICY + ")", err);
    return null;
  }
  return template.content.firstElementChild;
}
