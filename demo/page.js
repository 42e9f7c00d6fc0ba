// Calls every demo endpoint once, in order, and lists what the page itself got.
// Output uses textContent only: values from the network are never treated as markup.
const list = document.getElementById('results');

async function call(api, mistake) {
  const init = { method: mistake.method ?? 'GET', headers: mistake.headers ?? {}, mode: 'cors' };
  if (mistake.credentials) init.credentials = mistake.credentials;
  try {
    const response = await fetch(`${api}/demo/${mistake.id}`, init);
    return { id: mistake.id, ok: true, text: `HTTP ${response.status}` };
  } catch (error) {
    return { id: mistake.id, ok: false, text: String(error?.message ? error.message : error) };
  }
}

async function runAll() {
  window.demoDone = false;
  list.replaceChildren();
  const config = await (await fetch('/config.json')).json();
  const results = [];
  for (const mistake of config.mistakes) {
    const result = await call(config.api, mistake);
    results.push(result);
    const item = document.createElement('li');
    item.className = result.ok ? 'ok' : 'failed';
    item.textContent = `${mistake.title}: ${result.ok ? 'delivered' : 'blocked'} (${result.text})`;
    list.append(item);
  }
  window.demoResults = results;
  window.demoDone = true;
}

document.getElementById('again').addEventListener('click', runAll);
runAll();
