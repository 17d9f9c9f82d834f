// The dev server's live-reload client, served as /__kamishibai/live.js. It listens for
// server-sent events: "reload" reloads the page (reveal.js keeps slide and fragment in the
// URL hash, so the speaker stays where they were); "error" shows the build's problems over
// the deck until the next good build; the warnings a good build reports ("hello",
// "warnings") sit in a corner panel, as the terminal prints them, until clicked away.
// EventSource reconnects by itself when the server restarts.
export const LIVE_RELOAD_SCRIPT = `(() => {
  let version;
  const overlay = () => {
    let el = document.getElementById('kamishibai-errors');
    if (!el) {
      el = document.createElement('div');
      el.id = 'kamishibai-errors';
      el.setAttribute('role', 'alert');
      el.style.cssText = 'position:fixed;inset:0;z-index:10000;background:rgba(20,20,24,.92);color:#fff;' +
        'font:16px/1.6 ui-monospace,monospace;padding:32px;white-space:pre-wrap;overflow:auto';
      document.body.appendChild(el);
    }
    return el;
  };
  const warn = (messages) => {
    document.getElementById('kamishibai-warnings')?.remove();
    if (!messages || messages.length === 0) return;
    const el = document.createElement('div');
    el.id = 'kamishibai-warnings';
    el.setAttribute('role', 'status');
    el.title = 'click to hide';
    el.style.cssText = 'position:fixed;left:12px;bottom:12px;max-width:60vw;max-height:30vh;overflow:auto;z-index:9999;' +
      'background:rgba(60,48,0,.92);color:#fff;font:13px/1.5 ui-monospace,monospace;padding:8px 12px;white-space:pre-wrap;cursor:pointer';
    el.textContent = messages.join('\\n');
    el.onclick = () => el.remove();
    document.body.appendChild(el);
  };
  const events = new EventSource('/__kamishibai/events');
  events.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === 'error') {
      overlay().textContent = 'Build failed; fix the deck and save again.\\n\\n' + msg.messages.join('\\n');
    } else if (msg.type === 'hello') {
      if (version !== undefined && msg.version !== version) location.reload();
      version = msg.version;
      warn(msg.warnings);
    } else if (msg.type === 'warnings') {
      warn(msg.messages);
    } else if (msg.type === 'reload') {
      location.reload();
    }
  };
})();
`;
