// TEST-ONLY content script, built into the Firefox test extension by ./build.ts and never into
// dist-firefox/ or the store zip. Firefox refuses to navigate automation to moz-extension://
// pages, so a test cannot open an extension page to message the background; this relays
// `window.postMessage({ corsLensTest: 'ask', id, message })` from the page to
// runtime.sendMessage and posts the answer back as `{ corsLensTest: 'answer', id, response }`.
interface Ask {
  readonly corsLensTest: 'ask';
  readonly id: number;
  readonly message: unknown;
}

function isAsk(data: unknown): data is Ask {
  return (
    typeof data === 'object' && data !== null && (data as { corsLensTest?: unknown }).corsLensTest === 'ask'
  );
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== window || !isAsk(event.data)) return;
  const { id, message } = event.data;
  const answer = (response: unknown): void =>
    window.postMessage({ corsLensTest: 'answer', id, response: JSON.stringify(response ?? null) }, '*');
  chrome.runtime.sendMessage(message).then(answer, (error: unknown) => answer({ error: String(error) }));
});
