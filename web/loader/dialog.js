/*
 * dialog.js: our modal dialogs (the modal first layer, the panel) are
 * native <dialog> elements in our shadow root, opened with showModal(): in
 * the top layer, above any z-index of the page, with the rest of the page
 * inert, so that neither Tab, nor a page script's focus(), nor another
 * library's focus trap can take focus out of them. The live banner opens
 * its own (app/ui/focus.go); these helpers serve the prerendered markup
 * the loader shows before the wasm is live.
 * Reads: nothing shared.
 */

// TABBABLE selects the controls of a dialog that Tab reaches (app/ui/keys.go
// has the same list).
var TABBABLE = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

// showDialog opens dialog as a modal one and gives it focus (a screen
// reader announces its name and description); it is a no-op for an element
// that is not a closed <dialog> in the page. onEscape runs on Escape and on
// the browser's other close requests; without it, they do nothing (the
// modal first layer waits for an answer).
function showDialog(dialog, onEscape) {
  if (!dialog || dialog.tagName !== "DIALOG" || dialog.open || !dialog.isConnected) {
    return;
  }
  // Listened to once: the first layer's dialog is shown again when the
  // prerendered panel goes back to it (panel.js: closePanel).
  if (!dialog.ccListening) {
    dialog.ccListening = true;
    dialog.addEventListener("keydown", function (event) {
      dialogKeys(dialog, event, onEscape);
    });
    // A close request that is not a key (a phone's back gesture): the
    // dialog never closes by itself behind our back.
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      if (onEscape) {
        onEscape();
      }
    });
  }
  if (typeof dialog.showModal === "function") {
    dialog.showModal();
  } else {
    dialog.setAttribute("open", ""); // a DOM without showModal (jsdom): shown, at least
  }
  dialog.focus();
}

// closeDialog takes a dialog we opened out of the top layer, before it
// leaves the page or makes way for another (a modal dialog taken out of the
// page keeps its open attribute, and would come back non-modal).
function closeDialog(dialog) {
  if (dialog && dialog.tagName === "DIALOG" && dialog.open) {
    if (typeof dialog.close === "function") {
      dialog.close();
    } else {
      dialog.removeAttribute("open");
    }
  }
}

// dialogKeys keeps Tab and Shift+Tab going round the dialog's controls (the
// browser would let Tab go on to its own toolbar), and takes Escape from
// the page and from the browser.
function dialogKeys(dialog, event, onEscape) {
  if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    if (onEscape) {
      onEscape();
    }
    return;
  }
  if (event.key !== "Tab") {
    return;
  }
  var controls = Array.prototype.filter.call(dialog.querySelectorAll(TABBABLE), function (el) {
    return el.getClientRects().length > 0;
  });
  if (!controls.length) {
    event.preventDefault();
    return;
  }
  var first = controls[0];
  var last = controls[controls.length - 1];
  var active = dialog.getRootNode().activeElement;
  var inside = active && dialog.contains(active);
  if (event.shiftKey && (!inside || active === first || active === dialog)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}
