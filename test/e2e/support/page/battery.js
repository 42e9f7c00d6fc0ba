// A fixed battery of fetch/XHR calls. Everything page JavaScript can observe is serialised into
// window.__battery, so a run with the extension can be compared with a run without it.
(() => {
  const keysAtStart = Object.getOwnPropertyNames(window).sort();
  const api = new URLSearchParams(location.search).get('api');
  const out = [];
  const note = (name, value) => out.push([name, value]);
  const err = (e) => ({
    name: e?.name,
    message: e?.message,
    type: Object.prototype.toString.call(e),
  });

  const describeResponse = async (r) => ({
    status: r.status,
    statusText: r.statusText,
    ok: r.ok,
    type: r.type,
    redirected: r.redirected,
    url: r.url,
    contentType: r.headers.get('content-type'),
    hidden: r.headers.get('x-hidden'),
    headerNames: [...r.headers.keys()],
    body: r.type === 'opaque' ? null : await r.text(),
  });

  async function tryFetch(name, input, init) {
    try {
      note(name, await describeResponse(await fetch(input, init)));
    } catch (e) {
      note(name, err(e));
    }
  }

  function xhr(name, method, url, setup) {
    return new Promise((resolve) => {
      const events = [];
      const x = new XMLHttpRequest();
      const log = (type) => () => {
        const entry = `${type}:${x.readyState}:${x.status}`;
        if (events[events.length - 1] !== entry) events.push(entry);
      };
      for (const t of ['readystatechange', 'loadstart', 'load', 'error', 'abort', 'timeout', 'loadend']) {
        x.addEventListener(t, log(t));
      }
      x.addEventListener('loadend', () => {
        note(name, {
          events,
          status: x.status,
          statusText: x.statusText,
          responseText: x.responseText,
          responseURL: x.responseURL,
          // The Date line changes between runs; every other header line is compared.
          headers: x
            .getAllResponseHeaders()
            .split('\r\n')
            .filter((line) => !line.startsWith('date:')),
        });
        resolve();
      });
      try {
        x.open(method, url);
        if (setup) setup(x);
        x.send(method === 'GET' ? null : 'body');
      } catch (e) {
        note(name, err(e));
        resolve();
      }
    });
  }

  function loadImage(url, crossOrigin) {
    return new Promise((resolve) => {
      const img = new Image();
      if (crossOrigin) img.crossOrigin = crossOrigin;
      img.onload = () => resolve(img);
      img.onerror = () => resolve(null);
      img.src = url;
    });
  }

  function setterOf(proto, name) {
    return Object.getOwnPropertyDescriptor(proto, name)?.set;
  }

  // crossorigin and src by setAttribute, and an attribute-less img: what loads and reads back.
  async function elementsByAttribute() {
    const img = new Image();
    const loaded = new Promise((resolve) => {
      img.onload = () => resolve('load');
      img.onerror = () => resolve('error');
    });
    note('attr-set-crossorigin', String(img.setAttribute('crossorigin', 'use-credentials')));
    img.setAttribute('src', `${api}/open/t-attr.png`);
    note('attr-img', [
      await loaded,
      img.getAttribute('crossorigin'),
      img.crossOrigin,
      img.src === `${api}/open/t-attr.png`,
    ]);
    const plain = document.createElement('img');
    plain.src = `${api}/closed/t-plain.png`;
    note('attr-plain', [plain.getAttribute('crossorigin'), plain.crossOrigin]);
  }

  // Canvas reads, tainted and clean: the same errors (name, message, stack shape) and results.
  async function canvasReads() {
    const tainted = await loadImage(`${api}/closed/t-canvas-taint.png`);
    const clean = await loadImage(`${api}/open/t-canvas-clean.png`, 'anonymous');
    note('canvas-images', [tainted !== null, clean !== null]);
    for (const [label, img] of [
      ['tainted', tainted],
      ['clean', clean],
    ]) {
      if (!img) continue;
      const canvas = document.createElement('canvas');
      canvas.width = 1;
      canvas.height = 1;
      const ctx = canvas.getContext('2d');
      note(`canvas-${label}-draw`, String(ctx.drawImage(img, 0, 0)));
      try {
        note(`canvas-${label}-getImageData`, Array.from(ctx.getImageData(0, 0, 1, 1).data));
      } catch (e) {
        note(`canvas-${label}-getImageData`, err(e));
      }
      try {
        note(`canvas-${label}-toDataURL`, canvas.toDataURL().length);
      } catch (e) {
        note(`canvas-${label}-toDataURL`, err(e));
      }
      try {
        note(`canvas-${label}-toBlob`, String(canvas.toBlob(() => undefined)));
      } catch (e) {
        note(`canvas-${label}-toBlob`, err(e));
      }
      const gl = document.createElement('canvas').getContext('webgl');
      if (!gl) continue;
      gl.bindTexture(gl.TEXTURE_2D, gl.createTexture());
      try {
        note(
          `canvas-${label}-texImage2D`,
          String(gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, img)),
        );
      } catch (e) {
        note(`canvas-${label}-texImage2D`, err(e));
      }
      const pixels = new Uint8Array(4);
      note(`canvas-${label}-readPixels`, [
        String(gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixels)),
        Array.from(pixels),
      ]);
    }
  }

  async function battery() {
    // Wrapped functions betray themselves by name, arity or source text.
    const fns = {
      fetch: window.fetch,
      'xhr.open': XMLHttpRequest.prototype.open,
      'xhr.send': XMLHttpRequest.prototype.send,
      'xhr.setRequestHeader': XMLHttpRequest.prototype.setRequestHeader,
      'ctx2d.drawImage': CanvasRenderingContext2D.prototype.drawImage,
      'ctx2d.getImageData': CanvasRenderingContext2D.prototype.getImageData,
      'canvas.toDataURL': HTMLCanvasElement.prototype.toDataURL,
      'canvas.toBlob': HTMLCanvasElement.prototype.toBlob,
      'gl.texImage2D': WebGLRenderingContext.prototype.texImage2D,
      'gl.texSubImage2D': WebGLRenderingContext.prototype.texSubImage2D,
      'gl.readPixels': WebGLRenderingContext.prototype.readPixels,
      'gl2.texImage2D': WebGL2RenderingContext.prototype.texImage2D,
      'sw.register': ServiceWorkerContainer.prototype.register,
      SharedWorker: SharedWorker,
      // The element-modes hook (crossorigin attributes): setters and setAttribute.
      'element.setAttribute': Element.prototype.setAttribute,
      'img.src.set': setterOf(HTMLImageElement.prototype, 'src'),
      'img.crossOrigin.set': setterOf(HTMLImageElement.prototype, 'crossOrigin'),
      'script.src.set': setterOf(HTMLScriptElement.prototype, 'src'),
      'link.href.set': setterOf(HTMLLinkElement.prototype, 'href'),
      'media.src.set': setterOf(HTMLMediaElement.prototype, 'src'),
    };
    for (const [label, fn] of Object.entries(fns)) {
      note(`${label}.name`, fn.name);
      note(`${label}.length`, fn.length);
      note(`${label}.toString`, Function.prototype.toString.call(fn));
    }
    note('fetch.descriptor', Object.keys(Object.getOwnPropertyDescriptor(window, 'fetch') || {}));
    // The SharedWorker constructor (wrapped to tell a shared worker's requests from a service
    // worker's): instances, subclasses, and a bad call behave as the native one.
    const shared = new SharedWorker('data:text/javascript,onconnect=()=>0');
    note('shared.instanceof', shared instanceof SharedWorker);
    note('shared.constructor', shared.constructor === SharedWorker);
    note('shared.proto', Object.getPrototypeOf(shared) === SharedWorker.prototype);
    class Sub extends SharedWorker {}
    note('shared.subclass', Object.getPrototypeOf(new Sub('data:text/javascript,0')) === Sub.prototype);
    try {
      SharedWorker('x');
    } catch (e) {
      note('shared.call', err(e));
    }
    try {
      new SharedWorker('http://[bad');
    } catch (e) {
      note('shared.bad-url', err(e));
    }
    note(
      'shared.descriptor',
      JSON.stringify(Object.getOwnPropertyDescriptor(SharedWorker.prototype, 'constructor'), (_k, v) =>
        typeof v === 'function' ? 'fn' : v,
      ),
    );
    await navigator.serviceWorker.register('http://[bad').then(
      () => note('sw.register-bad', 'resolved'),
      (e) => note('sw.register-bad', err(e)),
    );
    const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src') || {};
    note('img.src.descriptor', [Object.keys(src), src.enumerable, src.configurable]);
    await elementsByAttribute();
    await tryFetch('ok', `${api}/open/t-ok`);
    await tryFetch('ok-json-post', `${api}/open/t-post`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom': '1' },
      body: '{}',
    });
    await tryFetch('cors-fail', `${api}/closed/t-fail`);
    await tryFetch('request-object', new Request(`${api}/open/t-request`, { method: 'PUT', body: 'x' }));
    await tryFetch('no-cors', `${api}/closed/t-nocors`, { mode: 'no-cors' });
    await tryFetch('same-origin-mode', `${api}/open/t-mode`, { mode: 'same-origin' });
    await tryFetch('bad-url', 'http://[bad');
    await tryFetch('bad-method', `${api}/open/t-method`, { method: 'GE T' });
    await tryFetch('forbidden-method', `${api}/open/t-connect`, { method: 'CONNECT' });
    await tryFetch('bad-scheme', 'ftp://127.0.0.1/x');
    const pre = new AbortController();
    pre.abort();
    await tryFetch('aborted-before', `${api}/open/t-abort1`, { signal: pre.signal });
    const mid = new AbortController();
    const midCall = tryFetch('aborted-mid', `${api}/slow/2000/t-abort2`, { signal: mid.signal });
    mid.abort(new DOMException('stop', 'AbortError'));
    await midCall;
    try {
      fetch();
    } catch (e) {
      note('fetch-no-args-sync', err(e));
    }
    await fetch().then(
      () => note('fetch-no-args', 'resolved'),
      (e) => note('fetch-no-args', err(e)),
    );
    await xhr('xhr-ok', 'GET', `${api}/open/t-xhr-ok`);
    await xhr('xhr-cors-fail', 'GET', `${api}/closed/t-xhr-fail`);
    await xhr('xhr-preflight', 'PUT', `${api}/open/t-xhr-put`, (x) => x.setRequestHeader('X-Custom', '1'));
    await xhr('xhr-upload', 'POST', `${api}/open/t-xhr-upload`, (x) =>
      x.upload.addEventListener('progress', () => undefined),
    );
    await xhr('xhr-abort', 'GET', `${api}/slow/2000/t-xhr-abort`, (x) => setTimeout(() => x.abort(), 0));
    await xhr('xhr-bad-url', 'GET', 'http://[bad');
    await xhr('xhr-bad-header', 'GET', `${api}/open/t-xhr-header`, (x) =>
      x.setRequestHeader('Bad Header', 'v'),
    );
    await canvasReads();
    const keysAtEnd = Object.getOwnPropertyNames(window).sort();
    note('window-keys', keysAtStart);
    note(
      'window-keys-added',
      keysAtEnd.filter((k) => !keysAtStart.includes(k)),
    );
    window.__battery = JSON.stringify(out);
  }

  battery().catch((e) => {
    window.__battery = JSON.stringify({ crashed: err(e) });
  });
})();
