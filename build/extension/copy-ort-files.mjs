// Copies ONNX Runtime's wasm files into ort/: the offscreen document loads them at run time
// from there (env.wasm.wasmPaths).
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** ONNX Runtime files loaded at run time from ort/. */
export const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

export async function copyOrtFiles({ root, out }) {
  const ortDist = path.join(root, 'node_modules', 'onnxruntime-web', 'dist');
  await mkdir(path.join(out, 'ort'), { recursive: true });
  for (const name of ORT_FILES) {
    const source = path.join(ortDist, name);
    if (!existsSync(source)) {
      throw new Error(
        `build-extension: expected ${path.relative(root, source)} from onnxruntime-web, found nothing. Run \`npm ci\`.`,
      );
    }
    await copyFile(source, path.join(out, 'ort', name));
  }
}
