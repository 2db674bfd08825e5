// Compiled by ./build.sh test (tsc --noEmit): the README's examples, typed
// with web/consent.d.ts, must compile, and misuses must not.
import type { ConsentChoice } from "../../consent.d.ts";

document.addEventListener("cookieconsent:ready", (e) => {
  const choice: ConsentChoice | null = e.detail.choice;
  if (choice && choice.categories.statistics) {
    console.log("statistics accepted at", new Date(choice.ts * 1000));
  }
});

document.addEventListener("cookieconsent:change", (e) => {
  console.log(e.detail.id, e.detail.changed.join(", "), e.detail.choice.rev);
});

if (window.cookieConsent.accepted("statistics")) {
  window.cookieConsent.show();
}
const stored: boolean = window.cookieConsent.set({ statistics: true, third_party: false });
window.cookieConsent.acceptAll();
window.cookieConsent.refuseAll();
window.cookieConsent.hide();
console.log(stored, window.cookieConsent.get()?.id);

// @ts-expect-error set() takes booleans
window.cookieConsent.set({ statistics: "yes" });
// @ts-expect-error the API is read-only
window.cookieConsent = null;

// The global by its own name, as the README's examples write it.
if (cookieConsent.accepted("statistics")) {
  cookieConsent.set({ third_party: true });
}
const sameObject: boolean = cookieConsent === window.cookieConsent;
console.log(sameObject, cookieConsent.get()?.categories);
// @ts-expect-error the global is a constant
cookieConsent = window.cookieConsent;
