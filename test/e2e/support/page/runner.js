// Runs one scenario action in the page and reports what page JavaScript observed.
// Plain JS served to the page (not bundled): window.__run(action) → { ok, status, type, error }.
(() => {
  const failure = (error) => ({ ok: false, error: `${error?.name}: ${error?.message}` });

  async function runFetch(a) {
    const init = { method: a.method || 'GET' };
    if (a.headers) init.headers = a.headers.map(([n, v]) => [n, v]);
    if (a.mode) init.mode = a.mode;
    if (a.credentials) init.credentials = a.credentials;
    if (a.redirect) init.redirect = a.redirect;
    if (a.body !== undefined) init.body = a.body;
    if (a.targetAddressSpace) init.targetAddressSpace = a.targetAddressSpace;
    const results = [];
    for (let i = 0; i < (a.repeat || 1); i++) {
      try {
        const res = await fetch(a.url, init);
        await res.arrayBuffer().catch(() => undefined);
        results.push({ ok: true, status: res.status, type: res.type });
      } catch (error) {
        results.push(failure(error));
      }
    }
    return results[results.length - 1];
  }

  function runXhr(a) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(a.method || 'GET', a.url);
      if (a.withCredentials) xhr.withCredentials = true;
      for (const [n, v] of a.headers || []) xhr.setRequestHeader(n, v);
      if (a.uploadListener) xhr.upload.addEventListener('progress', () => {});
      xhr.onload = () => resolve({ ok: true, status: xhr.status, type: 'xhr' });
      xhr.onerror = () => resolve({ ok: false, status: xhr.status, error: 'xhr error' });
      xhr.send(a.body === undefined ? null : a.body);
    });
  }

  function runElement(el, attach) {
    return new Promise((resolve) => {
      el.onload = () => resolve({ ok: true, type: el.tagName.toLowerCase() });
      el.onerror = () => resolve({ ok: false, error: `${el.tagName.toLowerCase()} error` });
      attach(el);
    });
  }

  // An <img> made with properties (default), with setAttribute, or parsed from HTML in the document.
  function runImg(a) {
    if (a.how === 'html') {
      const holder = document.createElement('div');
      document.body.appendChild(holder);
      const co = a.crossOrigin ? ` crossorigin="${a.crossOrigin}"` : '';
      holder.innerHTML = `<img${co} src="${a.url}">`;
      const img = holder.firstElementChild;
      return new Promise((resolve) => {
        img.onload = () => resolve({ ok: true, type: 'img' });
        img.onerror = () => resolve({ ok: false, error: 'img error' });
      });
    }
    return runElement(document.createElement('img'), (img) => {
      if (a.how === 'attributes') {
        if (a.crossOrigin) img.setAttribute('crossorigin', a.crossOrigin);
        img.setAttribute('src', a.url);
        return;
      }
      if (a.crossOrigin) img.crossOrigin = a.crossOrigin;
      img.src = a.url;
    });
  }

  let fontCount = 0;
  async function runFont(a) {
    const family = `scenario-font-${++fontCount}`;
    const style = document.createElement('style');
    style.textContent = `@font-face { font-family: "${family}"; src: url("${a.url}"); }`;
    document.head.appendChild(style);
    try {
      const faces = await document.fonts.load(`16px "${family}"`);
      return faces.length > 0 ? { ok: true, type: 'font' } : { ok: false, error: 'font not loaded' };
    } catch (error) {
      return failure(error);
    }
  }

  function runEventSource(a) {
    return new Promise((resolve) => {
      const es = new EventSource(a.url, { withCredentials: !!a.withCredentials });
      es.onmessage = () => {
        es.close();
        resolve({ ok: true, type: 'eventsource' });
      };
      es.onerror = () => {
        es.close();
        resolve({ ok: false, error: 'eventsource error' });
      };
    });
  }

  function runAudio(a) {
    return new Promise((resolve) => {
      const audio = document.createElement('audio');
      if (a.crossOrigin) audio.crossOrigin = a.crossOrigin;
      audio.preload = 'auto';
      audio.onloadeddata = () => resolve({ ok: true, type: 'audio' });
      audio.onerror = () => resolve({ ok: false, error: `audio error ${audio.error?.code}` });
      audio.src = a.url;
      document.body.appendChild(audio);
    });
  }

  // Draw the image into a canvas (or upload it to WebGL), then read: SecurityError when tainted.
  function runCanvas(a) {
    return new Promise((resolve) => {
      const img = new Image();
      if (a.crossOrigin) img.crossOrigin = a.crossOrigin;
      img.onerror = () => resolve({ ok: false, error: 'img error' });
      img.onload = () => {
        const canvas = document.createElement('canvas');
        canvas.width = 1;
        canvas.height = 1;
        try {
          if (a.read === 'texImage2D') {
            const gl = canvas.getContext('webgl');
            if (!gl) return resolve({ ok: false, error: 'no webgl' });
            gl.bindTexture(gl.TEXTURE_2D, gl.createTexture());
            gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, img);
            return resolve({ ok: true, type: 'canvas' });
          }
          canvas.getContext('2d').drawImage(img, 0, 0);
          if (a.read === 'getImageData') canvas.getContext('2d').getImageData(0, 0, 1, 1);
          else if (a.read === 'toDataURL') canvas.toDataURL();
          else canvas.toBlob(() => undefined);
          resolve({ ok: true, type: 'canvas' });
        } catch (error) {
          resolve(failure(error));
        }
      };
      img.src = a.url;
    });
  }

  window.__run = (a) => {
    switch (a.kind) {
      case 'fetch':
        return runFetch(a);
      case 'xhr':
        return runXhr(a);
      case 'img':
        return runImg(a);
      case 'script':
        return runElement(document.createElement('script'), (s) => {
          if (a.module) s.type = 'module';
          s.src = a.url;
          document.head.appendChild(s);
        });
      case 'font':
        return runFont(a);
      case 'eventsource':
        return runEventSource(a);
      case 'audio':
        return runAudio(a);
      case 'canvas':
        return runCanvas(a);
      case 'beacon': {
        // The page learns only whether the beacon was queued.
        const body = a.type ? new Blob(['{}'], { type: a.type }) : 'beacon';
        const queued = navigator.sendBeacon(a.url, body);
        return Promise.resolve(queued ? { ok: true, type: 'beacon' } : { ok: false, error: 'not queued' });
      }
      default:
        return Promise.resolve({ ok: false, error: `unknown action ${a.kind}` });
    }
  };
})();
