/*
 * view.js: what the visitor sees of the prerendered markup, kept across
 * the takeover (go.js: renderWasm). go-app replaces the markup with the
 * same markup; the element with focus, and what the panel shows where it
 * is scrolled to, stay as they were.
 *
 * The panel's categories are drawn only near the screen (theme.css:
 * content-visibility), and a category never drawn counts for an estimated
 * height: the same scrollTop does not show the same content in the two
 * copies. The view is kept by an anchor instead: the panel's topmost block
 * on screen goes back to the same height.
 *
 * Reads: PANEL_DIALOG (the loader's, start.js).
 */

// viewOf is what the visitor sees of root: the element with focus, and
// for the panel, how far it is scrolled and its anchor (the index of its
// topmost block on screen, and that block's distance from the panel's
// top edge).
function viewOf(root) {
  var dialog = root.querySelector(PANEL_DIALOG);
  var active = root.getRootNode().activeElement;
  var view = {
    focus: active && root.contains(active) ? active : null,
    scroll: dialog ? dialog.scrollTop : 0,
    anchor: -1,
    offset: 0
  };
  if (dialog) {
    var top = dialog.getBoundingClientRect().top;
    for (var i = 0; i < dialog.children.length; i++) {
      var box = dialog.children[i].getBoundingClientRect();
      if (box.bottom > top) {
        view.anchor = i;
        view.offset = box.top - top;
        break;
      }
    }
  }
  return view;
}

// restoreView gives go-app's markup, which has just replaced the
// prerendered one, the same view: the panel scrolled so that the anchor
// block is where it was, and focus on the same element: a switch or
// button (by its id or action), or the dialog itself (by its class).
function restoreView(container, before) {
  var dialog = container.querySelector(PANEL_DIALOG);
  if (dialog) {
    dialog.scrollTop = before.scroll;
    var anchor = before.anchor >= 0 ? dialog.children[before.anchor] : null;
    if (anchor) {
      dialog.scrollTop += anchor.getBoundingClientRect().top - dialog.getBoundingClientRect().top - before.offset;
    }
  }
  var f = before.focus;
  var target = null;
  if (f && f.id) {
    target = container.querySelector("#" + f.id);
  } else if (f && f.getAttribute("data-cc-action")) {
    target = container.querySelector("[data-cc-action='" + f.getAttribute("data-cc-action") + "']");
  } else if (f && f.classList.length) {
    target = container.querySelector("." + f.classList[0]);
  }
  if (target) {
    target.focus({ preventScroll: true });
  }
}
