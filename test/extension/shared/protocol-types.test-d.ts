// Type-level checks of the protocol: each send resolves to the type its interface declares, and
// wrong payloads do not compile. A type test (*.test-d.ts): vitest checks it with tsc (typecheck
// in vitest.config.ts), where a wrong type fails the test; at run time it would pass regardless.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  sendToBackground,
  sendToContent,
  sendToOffscreen,
} from '../../../extension/shared/messaging.js';
import type {
  CodeSearchHit,
  FeedbackCodingResult,
  TerminologyStatus,
} from '../../../extension/shared/protocol.js';

describe('protocol types', () => {
  it('resolve each message to its declared reply', () => {
    expectTypeOf<ReturnType<typeof sendToBackground<'codeNote'>>>().toEqualTypeOf<
      Promise<FeedbackCodingResult>
    >();
    expectTypeOf<ReturnType<typeof sendToBackground<'searchCodes'>>>().toEqualTypeOf<
      Promise<CodeSearchHit[]>
    >();
    expectTypeOf<ReturnType<typeof sendToOffscreen<'getTerminologyStatus'>>>().toEqualTypeOf<
      Promise<TerminologyStatus>
    >();
    expectTypeOf<ReturnType<typeof sendToContent<'openPanel'>>>().toEqualTypeOf<
      Promise<{ opened: true }>
    >();
  });

  it('type the payloads', () => {
    expectTypeOf<Parameters<typeof sendToBackground<'codeNote'>>[1]>().toEqualTypeOf<{
      text: string;
      requestId?: string;
    }>();
    expectTypeOf<Parameters<typeof sendToOffscreen<'codeText'>>[1]>().toHaveProperty('scope');
    // @ts-expect-error: codeNote is a content→background message, not one the offscreen document answers
    expectTypeOf<Parameters<typeof sendToOffscreen<'codeNote'>>[1]>().toBeObject();
  });
});
