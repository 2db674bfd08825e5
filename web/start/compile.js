/*
 * compile.js: the wasm compiled as it downloads, without holding the main
 * thread long.
 */

// compileWasm compiles the wasm as it comes in (response: the loader's
// download of it, web/loader/wasm.js: bootWasm). The browser decodes what
// arrives on the main thread: in pieces of WASM_PIECE with a task between
// them (paced), so that a click on a switch of the panel never waits long. Handed over as it came, the 8 MB made
// tasks of 35 to 145 ms on a 4x slowed CPU; gathered first
// (fetch().arrayBuffer()), tasks of 35 to 70 ms. A browser without
// compileStreaming or ReadableStream, or a wasm served without its type (a
// copy of the files behind another server), gets the bytes compiled whole.
function compileWasm(response) {
  return response.then(function (r) {
    var type = (r.headers.get("Content-Type") || "").split(";")[0].trim();
    if (typeof WebAssembly.compileStreaming === "function" && typeof ReadableStream === "function" && r.body && type === "application/wasm") {
      return WebAssembly.compileStreaming(new Response(paced(r.body), { headers: { "Content-Type": type } }));
    }
    return r.arrayBuffer().then(function (bytes) {
      return WebAssembly.compile(bytes);
    });
  });
}

// WASM_PIECE is how many bytes of the wasm the browser decodes in one
// task: about 5 ms on a 4x slowed CPU.
var WASM_PIECE = 256 * 1024;

// paced is body as a stream that gives its bytes in pieces of at most
// WASM_PIECE, each in a task of its own.
function paced(body) {
  var reader = body.getReader();
  var chunk = null;
  var at = 0;
  return new ReadableStream({
    pull: function (controller) {
      if (chunk && at < chunk.length) {
        var end = Math.min(at + WASM_PIECE, chunk.length);
        controller.enqueue(chunk.subarray(at, end));
        at = end;
        return new Promise(function (resolve) { setTimeout(resolve, 0); });
      }
      return reader.read().then(function (next) {
        if (next.done) {
          controller.close();
          return;
        }
        chunk = next.value;
        at = 0;
        return this.pull(controller);
      }.bind(this));
    },
    cancel: function (reason) {
      return reader.cancel(reason);
    }
  });
}
