/*
 * mount.js: our one element in the page, <cookie-consent>, with an open
 * shadow root that keeps the page's CSS out of the banner and ours out of
 * the page.
 */

// mount puts our element first in <body>, once: first, so that keyboard and
// screen reader users meet the banner before the page (no element of the
// page moves).
function mount() {
  if (state.container) {
    return state.container;
  }
  var host = d.createElement("cookie-consent");
  host.setAttribute("data-cookie-consent", "");
  var root = host.attachShadow({ mode: "open" });
  var style = d.createElement("style");
  style.textContent = CSS;
  root.appendChild(style);
  var link = stylesheetLink();
  if (link) {
    root.appendChild(link);
  }
  var container = d.createElement("div");
  container.className = "cc-container";
  container.appendChild(d.createElement("div")); // go-app replaces this one
  root.appendChild(container);
  d.body.insertBefore(host, d.body.firstChild);
  trackFocus(host);
  // Focus moving inside our shadow root (Tab from "Tout accepter" to
  // "Personnaliser") is no focusin for the document: heard here.
  root.addEventListener("focusin", prefetchOnIntent, { passive: true, capture: true });
  state.container = container;
  return container;
}

// stylesheetLink returns a <link rel=stylesheet> for the integrator's own
// stylesheet, put in the shadow root after our theme so that its rules
// win: the tag's data-stylesheet, else the configuration's "stylesheet"
// (checked by the server). An https URL, or a path from the page's origin
// ("/css/consent.css"); anything else is ignored with an error in the
// console. null when there is none.
function stylesheetLink() {
  var href = (script && script.getAttribute("data-stylesheet")) || CONFIG.stylesheet || "";
  if (!href) {
    return null;
  }
  if (!/^(https:\/\/[^\/]|\/(?!\/))/.test(href)) {
    console.error("cookie-consent: the stylesheet " + JSON.stringify(href) + " is ignored: give an https URL or a path starting with /");
    return null;
  }
  var link = d.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL(href, location.href).href;
  return link;
}
