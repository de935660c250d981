// Progressive enhancement: while the page is visible, ask every 15 seconds for the
// messages sent since the last one shown, and append them. Nothing depends on it.
(function () {
  "use strict";
  var list = document.getElementById("messages");
  if (!list || !window.fetch) return;
  var base = list.getAttribute("data-since-url");
  if (!base) return;
  var busy = false;

  function lastId() {
    var items = list.querySelectorAll("[data-message-id]");
    return items.length ? items[items.length - 1].getAttribute("data-message-id") : null;
  }

  function poll() {
    if (busy || document.visibilityState !== "visible") return;
    var id = lastId();
    if (!id) return;
    busy = true;
    var url = base.replace(/\/\d+\/$/, "/" + id + "/");
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html || !html.trim()) return;
        var template = document.createElement("template");
        template.innerHTML = html;
        template.content.querySelectorAll("[data-message-id]").forEach(function (item) {
          if (!document.getElementById(item.id)) list.appendChild(item);
        });
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }

  window.setInterval(poll, 15000);
  document.addEventListener("visibilitychange", poll);
})();
