// The CSP page's own first script: it records what goes wrong on the page.
var hostErrors = [];
var hostViolations = [];
addEventListener("error", function (e) { hostErrors.push(String(e.message || e)); });
addEventListener("unhandledrejection", function (e) { hostErrors.push("unhandled rejection: " + e.reason); });
document.addEventListener("securitypolicyviolation", function (e) {
  hostViolations.push(e.effectiveDirective + " " + e.blockedURI);
});
