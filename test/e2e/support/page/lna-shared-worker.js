// Shared worker of test/e2e/lna-worker.test.ts: fetches the URL it is sent and answers with what
// its fetch saw (Local Network Access from a worker).
self.addEventListener('connect', (event) => {
  const port = event.ports[0];
  port.onmessage = async (message) => {
    try {
      const response = await fetch(message.data.url);
      await response.arrayBuffer();
      port.postMessage({ ok: true, status: response.status });
    } catch (error) {
      port.postMessage({ ok: false, error: `${error.name}: ${error.message}` });
    }
  };
  port.postMessage({ ready: true });
});
