/*
 * consentmode.js: Google Consent Mode v2. When the configuration maps
 * categories to signals (consentMode), the loader pushes a "default"
 * command, every signal denied, as soon as it runs, before any gated tag,
 * then an "update" on every choice, to window.dataLayer exactly as gtag()
 * does (an arguments object), so that a tag loaded later reads them.
 */

var CONSENT_MODE_REQUIRED = ["analytics_storage", "ad_storage", "ad_user_data", "ad_personalization"];

// consentModeSignals lists the signals to send: the four of Consent Mode v2,
// then any other the configuration maps.
function consentModeSignals(mapping) {
  var out = CONSENT_MODE_REQUIRED.slice();
  Object.keys(mapping).forEach(function (cat) {
    (mapping[cat] || []).forEach(function (sig) {
      if (out.indexOf(sig) < 0) {
        out.push(sig);
      }
    });
  });
  return out;
}

// consentModeState gives each signal "granted" or "denied" for a choice
// (null: no choice yet). A signal is granted when at least one category
// maps to it and every category that does is accepted.
function consentModeState(mapping, choice) {
  var state = {};
  consentModeSignals(mapping).forEach(function (sig) {
    var cats = Object.keys(mapping).filter(function (cat) { return (mapping[cat] || []).indexOf(sig) >= 0; });
    var granted = !!choice && cats.length > 0 && cats.every(function (cat) { return choice.categories[cat] === true; });
    state[sig] = granted ? "granted" : "denied";
  });
  return state;
}

// gtagPush is gtag(): it pushes its arguments object to window.dataLayer.
function gtagPush() {
  (w.dataLayer = w.dataLayer || []).push(arguments);
}

function consentModeEnabled(config) {
  return !!config.consentMode && Object.keys(config.consentMode).length > 0;
}

function consentModeDefault(config) {
  if (consentModeEnabled(config)) {
    gtagPush("consent", "default", consentModeState(config.consentMode, null));
  }
}

function consentModeUpdate(config, choice) {
  if (consentModeEnabled(config)) {
    gtagPush("consent", "update", consentModeState(config.consentMode, choice));
  }
}
