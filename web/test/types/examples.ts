// Compiled by ./build.sh test (tsc --strict, see tsconfig.json): every
// JavaScript example of README.md and docs/*.md, to the character
// (docs_test.go checks that each one is here), typed by web/consent.d.ts.
// What the examples call on the page's side is declared first.
declare function startStatistics(): void;
declare function stopStatistics(): void;

export function readmeExamples(): void {
// a "load the map" button of the page's own
document.querySelector("#show-map")?.addEventListener("click", () => cookieConsent.set({third_party: true}));
}

export function eventExamples(): void {
document.addEventListener("cookieconsent:ready", (e) => {
  if (e.detail.choice?.categories.statistics) startStatistics();
});
document.addEventListener("cookieconsent:change", (e) => {
  if (e.detail.changed.includes("statistics") && !e.detail.choice.categories.statistics) stopStatistics();
});
}
