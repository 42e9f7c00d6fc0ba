// window.__autorun(list): runs scenario actions one after another, each framed by console lines
//   cors-lens:start <id>   (the engine's own messages)   cors-lens:result <json>
// and `cors-lens:done` at the end: for an engine whose decisions are read from its console alone
// (WebKit, through its remote Web Inspector).
window.__autorun = async (list) => {
  for (const { id, action } of list) {
    console.log(`cors-lens:start ${id}`);
    let result;
    try {
      result = await window.__run(action);
    } catch (error) {
      result = { ok: false, error: String(error) };
    }
    console.log(`cors-lens:result ${JSON.stringify({ id, result })}`);
  }
  console.log('cors-lens:done');
};
