// A Vite plugin for the training worker's bundle. tfjs-backend-wasm starts its threads (pthreads)
// from the source text of the threaded module's factory, Function.prototype.toString() put in a
// Blob; that function must not refer to anything outside itself. Its only such reference is the
// Emscripten variable `_scriptDir`, read behind a `typeof` guard that the minifier drops (the
// variable is declared just outside), so every thread failed with "e is not defined" and, with
// cross-origin isolation on, training could not start. In a worker `_scriptDir` is always
// undefined (no document.currentScript, no __filename), so the two reads can go.
const THREADED_MODULE = "tfjs-backend-wasm-threaded-simd.js";
const READS = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ""],
  ['Module["mainScriptUrlOrBlob"]||_scriptDir', 'Module["mainScriptUrlOrBlob"]'],
];

/** @returns {import("vite").Plugin} */
export default function tfjsWasmThreads() {
  return {
    name: "vae-textbook:tfjs-wasm-threads",
    transform(code, id) {
      if (!id.endsWith(THREADED_MODULE)) return null;
      let patched = code;
      for (const [read, replacement] of READS) {
        if (!patched.includes(read))
          this.error(`${THREADED_MODULE} no longer reads "${read}": check src/integrations/tfjs-wasm-threads.mjs.`);
        patched = patched.replace(read, replacement);
      }
      return { code: patched, map: null };
    },
  };
}
