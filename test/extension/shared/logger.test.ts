import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const NOTE = 'Zebra sentinel 4711 quartz: patient Jane Doe, MRN 123';
let lines: string[];

beforeEach(() => {
  vi.resetModules(); // fresh warn-once memory
  lines = [];
  vi.spyOn(console, 'warn').mockImplementation(
    (...args: unknown[]) => void lines.push(args.join(' ')),
  );
  vi.spyOn(console, 'error').mockImplementation(
    (...args: unknown[]) => void lines.push(args.join(' ')),
  );
});

afterEach(() => vi.restoreAllMocks());

describe('logger', () => {
  it('withholds the message of runtime errors, which can quote their input', async () => {
    const { logErrorOnce, describeErrorForLog } =
      await import('../../../extension/shared/logger.js');
    let parseError: unknown;
    try {
      JSON.parse(NOTE);
    } catch (error) {
      parseError = error;
    }
    expect(String(parseError)).toContain('Zebra sent'); // V8 quotes the text...
    logErrorOnce('parse', parseError);
    logErrorOnce('type', new TypeError(`Cannot read "${NOTE}"`));
    logErrorOnce('dom', new DOMException(NOTE, 'QuotaExceededError'));
    logErrorOnce('string', NOTE);
    logErrorOnce('object', { text: NOTE });
    expect(lines.join('\n')).not.toMatch(/Zebra|Jane|MRN/); // ...the log does not
    expect(lines[0]).toMatch(/^\[Marginalia\] parse: SyntaxError \(message withheld, \d+ chars\)$/);
    expect(describeErrorForLog(new DOMException('x', 'QuotaExceededError'))).toMatch(
      /^QuotaExceededError/,
    );
  });

  it('keeps the messages the extension writes itself (shapes, paths, versions)', async () => {
    const { logErrorOnce } = await import('../../../extension/shared/logger.js');
    const { MessagingError } = await import('../../../extension/shared/messaging.js');
    logErrorOnce(
      'send',
      new MessagingError(
        'invalid-payload',
        'Expected "codeNote" data to be {text: string}, got object with keys [note].',
      ),
    );
    expect(lines[0]).toContain('object with keys [note]');
  });

  it('logs each distinct line once, with the fixed prefix, capped in length', async () => {
    const { warnOnce } = await import('../../../extension/shared/logger.js');
    warnOnce('IndexedDB unavailable');
    warnOnce('IndexedDB unavailable');
    warnOnce('x'.repeat(5_000));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('[Marginalia] IndexedDB unavailable');
    expect(lines[1]!.length).toBeLessThan(400);
  });
});
