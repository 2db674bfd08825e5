/*
 * proof.js: proof of consent (docs/proof.md). When the
 * configuration enables it, the server fills PROOF with the hash of the
 * texts shown in each language, and each new choice is sent to the consent
 * server, which keeps it.
 */

// proofWarned: the page has had its one warning that a choice could not
// be stored, and so was not recorded.
var proofWarned = false;

// cookieHolds reports whether the cookie, read back, holds this very
// choice. A browser or page that drops document.cookie writes leaves it
// unset: such a choice holds for this page view only, and recording it
// would put in the database a choice that never took effect.
function cookieHolds(choice) {
  var stored = readChoice(readDocumentCookie());
  return !!stored && stored.id === choice.id && stored.ts === choice.ts;
}

/*
 * record sends one choice to the consent server, which keeps it as proof
 * of consent (POST api/consents beside this script). It runs after the
 * choice is stored in the cookie, only once the cookie read back holds it
 * (else one console warning per page), and never delays, breaks or undoes it:
 * nothing is awaited, every failure (server down, offline, blocked by a
 * CSP or an extension) is swallowed, and it never throws. The body is
 * text/plain so that the request is CORS-simple (no preflight round trip);
 * keepalive lets it finish when the visitor leaves the page at once.
 * Only the page's origin and path are sent: never its query string or
 * fragment, which may hold personal data.
 */
function record(choice, lang) {
  try {
    var hash = PROOF && PROOF.hashes && PROOF.hashes[lang];
    if (!hash || !choice) {
      return;
    }
    if (!cookieHolds(choice)) {
      if (!proofWarned) {
        proofWarned = true;
        console.warn("cookie-consent: the choice could not be stored in a cookie (cookies blocked?): " +
          "it holds for this page only and is not recorded as proof of consent");
      }
      return;
    }
    var url = new URL("api/consents", base).href;
    var body = JSON.stringify({
      v: 1, id: choice.id, ts: choice.ts, rev: choice.rev, textsHash: hash, lang: lang,
      categories: choice.categories, origin: location.origin, path: location.pathname
    });
    if (typeof fetch === "function") {
      fetch(url, {
        method: "POST", body: body, keepalive: true, mode: "cors", credentials: "omit",
        cache: "no-store", referrerPolicy: "no-referrer",
        headers: { "Content-Type": "text/plain;charset=UTF-8" }
      }).catch(function () {});
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(url, body);
    }
  } catch (e) { /* the choice stands without its proof */ }
}
