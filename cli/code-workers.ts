/**
 * `marginalia code --jobs N`: notes coded on N worker threads, each with its own coder (the pack,
 * the dictionary and the linker are loaded once per thread), written to stdout in input order,
 * exactly as one thread writes them.
 */
import { Worker } from 'node:worker_threads';

/** What a worker needs to build its coder and to code and format a note as the CLI does. */
export interface CodeWorkerSetup {
  argv: string[];
}

/** Main thread → worker: a note to code. Worker → main: its output, or why it failed. */
export type ToWorker = { index: number; file: string; text: string } | { done: true };
export type FromWorker =
  { ready: true } | { index: number; output: string } | { index: number; error: string };

/**
 * Codes `inputs` on `jobs` workers started from `entry` (the CLI's own module, which runs
 * {@link CodeWorkerSetup} when started as a worker) and calls `write` with each note's output in
 * input order. A note's failure stops the run with its error.
 */
export async function codeOnWorkers(
  entry: URL,
  setup: CodeWorkerSetup,
  inputs: readonly { file: string; text: string }[],
  jobs: number,
  write: (output: string) => void,
): Promise<void> {
  const results = new Map<number, string>();
  let nextToWrite = 0;
  let nextToSend = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = false;
      const fail = (err: Error): void => {
        if (finished) return;
        finished = true;
        reject(err);
      };
      const send = (w: Worker): void => {
        if (nextToSend < inputs.length) {
          const index = nextToSend++;
          const { file, text } = inputs[index]!;
          w.postMessage({ index, file, text } satisfies ToWorker);
        } else w.postMessage({ done: true } satisfies ToWorker);
      };
      for (let k = 0; k < Math.min(jobs, inputs.length); k++) {
        const w = new Worker(entry, { workerData: { marginaliaCodeWorker: setup } });
        workers.push(w);
        w.on('message', (m: FromWorker) => {
          if ('ready' in m) return send(w);
          if ('error' in m) return fail(new Error(m.error));
          results.set(m.index, m.output);
          while (results.has(nextToWrite)) {
            write(results.get(nextToWrite)!);
            results.delete(nextToWrite++);
          }
          if (nextToWrite === inputs.length) {
            finished = true;
            resolve();
          } else send(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`A coding worker stopped with exit status ${code}.`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
