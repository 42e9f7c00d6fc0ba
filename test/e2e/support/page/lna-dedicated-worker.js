// Dedicated worker of test/e2e/lna-worker.test.ts: fetches the URL it is sent and answers with
// what its fetch saw (Local Network Access from a worker).
self.addEventListener('message', async (message) => {
  try {
    const response = await fetch(message.data.url);
    await response.arrayBuffer();
    self.postMessage({ ok: true, status: response.status });
  } catch (error) {
    self.postMessage({ ok: false, error: `${error.name}: ${error.message}` });
  }
});
self.postMessage({ ready: true });
