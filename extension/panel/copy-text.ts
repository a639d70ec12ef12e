/**
 * Copies text to the clipboard from the panel: the async Clipboard API where the page allows it,
 * else a hidden textarea and `execCommand('copy')` inside the panel's own shadow root.
 */
export async function copyText(text: string, within: Node): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // denied (no focus, no permission): fall through to the legacy path
  }
  const root = within.getRootNode() as ShadowRoot | Document;
  const doc = within.ownerDocument ?? document;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0;';
  (root instanceof Document ? root.body : root).append(area);
  area.select();
  let copied = false;
  try {
    copied = doc.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

/** Offers `text` as a file download (no network: a blob URL revoked right after the click). */
export function downloadText(text: string, fileName: string, mimeType: string, within: Node): void {
  const doc = within.ownerDocument ?? document;
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  const root = within.getRootNode() as ShadowRoot | Document;
  (root instanceof Document ? root.body : root).append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
