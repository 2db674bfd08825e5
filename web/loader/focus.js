/*
 * focus.js: where keyboard focus goes when the banner closes. It goes back
 * to where it was before the banner took it, or to the start of the page's
 * main content; never to <body>, where a keyboard user would start again
 * from the top of the page (WCAG 2.4.3, focus order).
 * Reads: d, state.
 */

// trackFocus records, each time focus enters our element from the page,
// the page's element it came from (null when it came from nowhere).
function trackFocus(host) {
  host.addEventListener("focusin", function (event) {
    // Relative to our element, a move inside our shadow root comes "from"
    // our element itself: not an entry.
    if (event.relatedTarget !== host) {
      state.before = event.relatedTarget || null;
    }
  });
}

// focusInBanner reports whether focus is inside our element.
function focusInBanner() {
  var host = state.container && state.container.getRootNode().host;
  return !!host && d.activeElement === host;
}

// returnFocus puts focus back on the page once the banner has closed, if
// it is nowhere (on <body>, or on our element whose content is gone): to
// where it was before the banner took it, else to the start of the main
// content. A focus the page already holds is left alone.
function returnFocus() {
  var host = state.container && state.container.getRootNode().host;
  var active = d.activeElement;
  if (active && active !== d.body && active !== d.documentElement && active !== host) {
    return;
  }
  var before = state.before;
  state.before = null;
  if (before && before.isConnected && focusOn(before)) {
    return;
  }
  var start = d.querySelector("main") || d.querySelector("[role='main']") || d.querySelector("h1") || firstContent(host);
  if (start) {
    focusStart(start);
  }
}

// focusOn focuses el without scrolling the page, and reports whether it
// took focus (it may be gone, disabled or inert).
function focusOn(el) {
  if (typeof el.focus !== "function") {
    return false;
  }
  el.focus({ preventScroll: true });
  return el.getRootNode().activeElement === el;
}

// focusStart focuses the start of the page's content: an element that
// cannot take focus by itself gets tabindex=-1 until focus leaves it, as a
// skip link does, so that the next Tab goes on from there.
function focusStart(el) {
  if (!el.hasAttribute("tabindex")) {
    el.setAttribute("tabindex", "-1");
    el.addEventListener("blur", function () { el.removeAttribute("tabindex"); }, { once: true });
  }
  focusOn(el);
}

// firstContent is the page's first element after ours that shows content,
// for a page without <main>, role=main or <h1>.
function firstContent(host) {
  var kids = d.body ? d.body.children : [];
  for (var i = 0; i < kids.length; i++) {
    if (kids[i] !== host && !/^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|LINK|META)$/.test(kids[i].tagName)) {
      return kids[i];
    }
  }
  return null;
}
