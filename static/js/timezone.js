/* Progressive enhancement: remember the reader's time zone in a cookie so the server
   can show event times in it. Without JavaScript, times show in UTC and the
   "Show times in" form still works. Reloads once, only when the zone was unknown. */
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || zone.length > 64) { return; }
  var had = document.cookie.split("; ").some(function (c) { return c.indexOf("tz=") === 0; });
  if (!/^[A-Za-z0-9_\/+-]+$/.test(zone)) { return; }
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
  var shown = document.querySelector("[data-reader-tz]");
  var explicit = /[?&]tz=/.test(window.location.search);
  if (!had && !explicit && shown && shown.getAttribute("data-reader-tz") !== zone) {
    window.location.reload();
  }
})();
