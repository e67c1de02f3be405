// gazette serve --watch: reloads this page when the preview republishes it. It is in the preview's pages only.
(() => {
  const script = document.currentScript;
  const ask = '/_gazette/reload?since=' + encodeURIComponent(script.dataset.since)
      + '&page=' + encodeURIComponent(script.dataset.page);
  const poll = () => fetch(ask, { cache: 'no-store' })
      .then((response) => response.ok ? response.text() : Promise.reject(new Error(String(response.status))))
      .then((answer) => answer.trim() === 'reload' ? location.reload() : poll())
      .catch(() => setTimeout(poll, 2000));
  poll();
})();
