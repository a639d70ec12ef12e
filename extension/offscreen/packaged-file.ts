/** Reads a file shipped in the extension package (the only network the extension does: its own files). */
export async function fetchPackagedFile(path: string): Promise<Response> {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) throw new Error(`Expected the packaged file "${path}", got HTTP ${response.status}.`);
  return response;
}
