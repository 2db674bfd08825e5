// Consent Mode v2 signals from a choice.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadParts } = require("./parts.cjs");

const win = {};
const cm = loadParts(["consentmode.js"], ["consentModeState", "consentModeDefault", "consentModeUpdate"], { w: win });
const mapping = { statistics: ["analytics_storage"], third_party: ["ad_storage", "ad_user_data", "ad_personalization"], first_party: ["personalization_storage", "ad_storage"] };

test("before any choice every signal is denied, the four of v2 always present", () => {
  assert.deepEqual(cm.consentModeState({ statistics: ["analytics_storage"] }, null), {
    analytics_storage: "denied", ad_storage: "denied", ad_user_data: "denied", ad_personalization: "denied",
  });
});

test("a signal is granted only when every category mapping to it is accepted", () => {
  const choice = { categories: { necessary: true, statistics: true, third_party: true, first_party: false } };
  assert.deepEqual(cm.consentModeState(mapping, choice), {
    analytics_storage: "granted", ad_storage: "denied", ad_user_data: "granted", ad_personalization: "granted",
    personalization_storage: "denied",
  });
});

test("commands are pushed to dataLayer as gtag does: an arguments object", () => {
  const config = { consentMode: { statistics: ["analytics_storage"] } };
  cm.consentModeDefault(config);
  cm.consentModeUpdate(config, { categories: { statistics: true } });
  assert.equal(win.dataLayer.length, 2);
  assert.equal(Object.prototype.toString.call(win.dataLayer[0]), "[object Arguments]");
  assert.deepEqual(Array.from(win.dataLayer[1]), ["consent", "update",
    { analytics_storage: "granted", ad_storage: "denied", ad_user_data: "denied", ad_personalization: "denied" }]);
  cm.consentModeDefault({});
  assert.equal(win.dataLayer.length, 2, "nothing without a consentMode");
});
