// The CSP page's own last script: it works on the page and asks the consent
// API, as an integrator would, once the document is parsed.
document.getElementById("host-status").textContent = "script de la page exécuté";
var hostAPI = "not called";
document.addEventListener("DOMContentLoaded", function () {
  hostAPI = window.cookieConsent.accepted("statistics") ? "accepted" : "not accepted";
});
