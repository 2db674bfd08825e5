// The library pages' own script: it records what the tests check and
// opens the library's modal as the page would, from a script.
var hostErrors = [];
addEventListener("error", function (e) { hostErrors.push(String(e.message || e)); });
addEventListener("unhandledrejection", function (e) { hostErrors.push("unhandled rejection: " + e.reason); });

// hostModal is the page's modal dialog: open() opens it as the library's
// API does, isOpen() reports whether it is shown and done opening.
var hostModal = (function () {
  var el = document.getElementById("bs-modal") || document.getElementById("lib-dialog");
  var shown = false;
  if (window.bootstrap) {
    el.addEventListener("shown.bs.modal", function () { shown = true; });
    el.addEventListener("hidden.bs.modal", function () { shown = false; });
    return {
      el: el,
      open: function () { bootstrap.Modal.getOrCreateInstance(el).show(); },
      isOpen: function () { return shown; }
    };
  }
  var dialog = new A11yDialog(el);
  return {
    el: el,
    open: function () { dialog.show(); },
    isOpen: function () { return dialog.shown; }
  };
})();
