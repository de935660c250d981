// Progressive enhancement: show a moment also in the reader's own timezone.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var lang = document.documentElement.lang || "en";
  document.querySelectorAll("[data-local-time]").forEach(function (el) {
    var date = new Date(el.getAttribute("data-local-time"));
    if (isNaN(date.getTime())) return;
    var out = el.querySelector("[data-local-time-value]");
    if (!out) return;
    out.textContent = new Intl.DateTimeFormat(lang, {
      dateStyle: "long",
      timeStyle: "short",
      timeZoneName: "short",
    }).format(date);
    el.hidden = false;
  });
})();
