// The esbuild options every extension bundle shares. `__TEST__` is the build's test flag (as in
// darkreader's build): true only in the test build (dist/extension-test/), where the e2e
// contract and the benchmark hooks are compiled in; the release build drops those modules.

/** The esbuild options for one build variant (`test`: the test build). */
export function extensionBundleOptions({ test }) {
  return {
    bundle: true,
    target: 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // ORT loads ort-wasm-*.{mjs,wasm} from env.wasm.wasmPaths instead of embedding them.
    conditions: ['onnxruntime-web-use-extern-wasm'],
    // The WASM build of ORT: the linker is a gather and a 64x64 matmul per mention (1.4-2.5 ms
    // of ORT time per note). WebGPU does not pay for it (`npm run bench:webgpu`,
    // test/e2e/measure-webgpu.mjs; figures in models/MODEL_CARD.md, "Encoder inference per
    // note"), and the WebGPU build's wasm is 26.8 MB against 14.2 MB. The runner has no WebGPU
    // path (model-runtime/ort-model-runner.ts).
    alias: { 'onnxruntime-web': 'onnxruntime-web/wasm' },
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', __TEST__: test ? 'true' : 'false' },
  };
}
