// How the start module hands the wasm to the browser's compiler (compile.js:
// paced): every byte, in order, in pieces small enough that the main thread
// is never held long, and a download cut off stops there.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadParts } = require("./parts.cjs");

const { paced, WASM_PIECE } = loadParts(["../start/compile.js"], ["paced", "WASM_PIECE"]);

// body is a response body that delivers chunks as the network would.
function body(chunks, onCancel) {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) {
        controller.enqueue(chunks[i++]);
      } else {
        controller.close();
      }
    },
    cancel: onCancel,
  });
}

function bytes(n, seed) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    b[i] = (i * 31 + seed) & 0xff;
  }
  return b;
}

test("every byte, in order, in pieces of at most WASM_PIECE", async () => {
  const chunks = [bytes(2 * 1024 * 1024 + 5, 1), bytes(10, 2), bytes(WASM_PIECE, 3)];
  const reader = paced(body(chunks)).getReader();
  const pieces = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    pieces.push(value);
  }
  assert.ok(pieces.every((p) => p.length > 0 && p.length <= WASM_PIECE), "no piece larger than WASM_PIECE");
  assert.equal(pieces.length, 9 + 1 + 1, "a 2 MB chunk is cut in nine");
  assert.deepEqual(Buffer.concat(pieces), Buffer.concat(chunks), "the same bytes, in the same order");
});

test("each piece comes in a task of its own", async () => {
  const reader = paced(body([bytes(3 * WASM_PIECE, 4)])).getReader();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const seen = [];
  for (;;) {
    const { done } = await reader.read();
    if (done) {
      break;
    }
    seen.push(ticks);
  }
  clearInterval(timer);
  assert.equal(seen.length, 3);
  assert.ok(seen[1] > seen[0] && seen[2] > seen[1], `other tasks run between the pieces (${seen})`);
});

test("cancelling the pieces cancels the download", async () => {
  let cancelled = null;
  const download = [bytes(2 * WASM_PIECE, 5), bytes(WASM_PIECE, 6), bytes(WASM_PIECE, 7)];
  const reader = paced(body(download, (reason) => { cancelled = reason; })).getReader();
  await reader.read();
  await reader.cancel("page left");
  assert.equal(cancelled, "page left");
});
