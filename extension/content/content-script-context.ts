/**
 * The content script's lifetime as an AbortController. After the extension is reloaded or
 * removed, this instance is orphaned ("Extension context invalidated"): it aborts, and every
 * listener, observer and the panel registered with its signal go away quietly.
 */
export class ContentScriptContext {
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the extension behind this script is gone (checks and aborts lazily). */
  get isInvalid(): boolean {
    if (!this.controller.signal.aborted && !isExtensionAlive()) this.invalidate();
    return this.controller.signal.aborted;
  }

  invalidate(): void {
    this.controller.abort(new Error('Extension context invalidated.'));
  }

  onInvalidated(callback: () => void): void {
    this.controller.signal.addEventListener('abort', callback, { once: true });
  }
}

function isExtensionAlive(): boolean {
  try {
    return typeof chrome !== 'undefined' && chrome.runtime?.id !== undefined;
  } catch {
    return false;
  }
}

export function isContextInvalidatedError(error: unknown): boolean {
  return error instanceof Error && error.message.includes('Extension context invalidated');
}
