// Preloaded into node (NODE_OPTIONS=--require) for the js/wasm tests: gives
// Go's js.Global() a real DOM, with a real document.cookie, as in a browser
// on an https portal page.
"use strict";
const { JSDOM } = require("jsdom");

const dom = new JSDOM("<!doctype html><html lang=\"fr\"><head></head><body><main id=\"portal\">portail</main></body></html>", {
  url: "https://data.example.org/explore/",
  pretendToBeVisual: true,
});
for (const name of ["window", "document", "navigator", "Node", "Element", "HTMLElement", "Event", "MouseEvent", "KeyboardEvent", "CustomEvent"]) {
  if (name === "window") {
    continue;
  }
  Object.defineProperty(globalThis, name, { value: dom.window[name], configurable: true, writable: true });
}
globalThis.jsdomWindow = dom.window;
