// The dev server's live-reload client, served as /__kamishibai/live.js. It listens for
// server-sent events: "reload" reloads the page (reveal.js keeps slide and fragment in the
// URL hash, so the speaker stays where they were); "error" shows the build's problems over
// the deck until the next good build. EventSource reconnects by itself when the server
// restarts.
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
  const events = new EventSource('/__kamishibai/events');
  events.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === 'error') {
      overlay().textContent = 'Build failed; fix the deck and save again.\\n\\n' + msg.messages.join('\\n');
    } else if (msg.type === 'hello') {
      if (version !== undefined && msg.version !== version) location.reload();
      version = msg.version;
    } else if (msg.type === 'reload') {
      location.reload();
    }
  };
})();
`;
