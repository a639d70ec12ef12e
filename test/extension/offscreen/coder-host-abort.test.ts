/**
 * A coding run superseded while the engine loads (or while another note is coded) stops before
 * any coding work: the panel's cancel reaches the engine, it is not only ignored (issue 11).
 */
import { describe, expect, it, vi } from 'vitest';
import { CoderHost } from '../../../extension/offscreen/coder-host.js';
import type { LinkerHost } from '../../../extension/offscreen/load-model.js';
import type { LoadedCoder } from '../../../extension/offscreen/load-coder.js';

function hostWithPendingEngine(): {
  host: CoderHost;
  code: ReturnType<typeof vi.fn>;
  finishLoading(): void;
} {
  const code = vi.fn(() => ({
    terminology: 'ICD-10-CM test',
    model: null,
    codes: [],
    flagged: [],
  }));
  const linker = {
    start: async () => undefined,
    wrap: () => undefined,
    current: { kind: 'loading' },
  } as unknown as LinkerHost;
  const host = new CoderHost({ records: async () => [], revision: 0 }, linker);
  let finishLoading = (): void => undefined;
  const loading = new Promise<LoadedCoder>((resolve) => {
    finishLoading = () => resolve({ coder: { code }, notices: [] } as unknown as LoadedCoder);
  });
  host.get = () => loading;
  return { host, code, finishLoading };
}

describe('CoderHost.code with a signal', () => {
  it('stops a run aborted while the engine loaded, before coding', async () => {
    const { host, code, finishLoading } = hostWithPendingEngine();
    const controller = new AbortController();
    const run = host.code('Acute gout flare.', { signal: controller.signal }, false);
    controller.abort(new Error('superseded'));
    finishLoading();
    await expect(run).rejects.toThrow('superseded');
    expect(code).not.toHaveBeenCalled();
  });

  it('codes a run that was not aborted', async () => {
    const { host, code, finishLoading } = hostWithPendingEngine();
    finishLoading();
    await expect(
      host.code('Acute gout flare.', { signal: new AbortController().signal }, false),
    ).resolves.toMatchObject({ codes: [] });
    expect(code).toHaveBeenCalledTimes(1);
  });
});
