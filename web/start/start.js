/*
 * start.js: the banner's start, a module of its own. The loader imports it
 * (web/loader/wasm.js: bootWasm) only once the preferences panel is open,
 * so that no other visitor downloads it: Go's wasm_exec.js, and the code
 * that compiles the wasm, runs the Go program in the loader's container
 * and has go-app take the prerendered markup over in place.
 *
 * web/assemble.js inlines the parts of web/start/ at the parts mark, in the
 * order it lists them, and Go's wasm_exec.js at its own mark. loader is
 * what the loader lends this module (wasm.js: startContext); response, the
 * wasm's download it started; config, the text of the whole configuration.
 */
export default function (loader, response, config) {
  var w = loader.w;
  var d = loader.d;
  var state = loader.state;
  var script = loader.script;
  var PANEL_DIALOG = loader.PANEL_DIALOG;
  var languageCandidates = loader.languageCandidates;
  var gpcOn = loader.gpcOn;
  var applyChoice = loader.applyChoice;
  var returnFocus = loader.returnFocus;
  var notBusy = loader.notBusy;
  var mount = loader.mount;
  var panelSwitches = loader.panelSwitches;
  var prerenderedShown = loader.prerenderedShown;
  var afterEntrance = loader.afterEntrance;
  var callWasm = loader.callWasm;
  var failed = loader.failed;

  /*__PARTS__*/

  // fs is what the bare fs of wasm_exec.js's runtime.wasmWrite (Go's
  // panics, println) reads, long after the lent globals are gone
  // (go.js: wasmExecLent): its own fs.
  var fs;
  function runWasmExec() {
    /*__WASM_EXEC__*/
    fs = globalThis.fs;
  }

  start(response, config);
}
