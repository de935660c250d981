/* The door's check-in screen, enhanced (the screen works without this file):
 * - scan QR codes with the camera where the browser has BarcodeDetector;
 * - keep the door list on this device, check people in while offline, and send those
 *   check-ins when the connection returns (the server merges them without duplicates).
 * Strings come translated from the page's data-msg-* attributes. */
(function () {
  "use strict";
  var root = document.querySelector("[data-door]");
  if (!root) return;
  var PREFIX = "OGC1:";
  var eventId = root.dataset.event;
  var listKey = "ogc-door-list-" + eventId;
  var queueKey = "ogc-door-queue-" + eventId;
  var form = root.querySelector("[data-scan-form]");
  var input = form.querySelector("[name=ticket]");
  var statusBox = root.querySelector("[data-offline-status]");
  var countsBox = root.querySelector("[data-counts]");

  function msg(name, params) {
    var text = root.dataset["msg" + name] || "";
    Object.keys(params || {}).forEach(function (key) {
      text = text.split("%(" + key + ")s").join(String(params[key]));
    });
    return text;
  }
  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
  }
  function csrf() {
    var field = form.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // A name for this device, sent with its check-ins ("Door 3F2A").
  var device = localStorage.getItem("ogc-door-device");
  if (!device) {
    device = "Door " + Math.random().toString(16).slice(2, 6).toUpperCase();
    try { localStorage.setItem("ogc-door-device", device); } catch (e) { /* private mode */ }
  }
  root.querySelectorAll("[data-device]").forEach(function (field) { field.value = device; });

  function show(text) {
    statusBox.hidden = !text;
    statusBox.textContent = text;
  }
  function showQueue() {
    var queue = load(queueKey, []);
    var sendButton = root.querySelector("[data-offline-send]");
    sendButton.hidden = queue.length === 0;
    if (queue.length) show(msg("Pending", { count: queue.length }));
    else if (navigator.onLine) show("");
  }

  // ---- Offline list --------------------------------------------------------------
  var download = root.querySelector("[data-offline-download]");
  download.hidden = false;
  download.addEventListener("click", function () {
    fetch(root.dataset.offlineUrl, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        save(listKey, data);
        show(msg("Saved", { count: data.registrants.length, time: new Date().toLocaleTimeString() }));
      })
      .catch(function () { show(msg("DownloadError")); });
  });

  function normalise(text) { return text.toUpperCase().replace(/[^A-Z0-9]/g, ""); }
  function digest(text) {
    if (!(window.crypto && crypto.subtle)) return Promise.resolve(null);
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buf) {
      return Array.from(new Uint8Array(buf)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    });
  }
  function findLocal(text) {
    var list = load(listKey, null);
    if (!list) return Promise.resolve({ list: null });
    if (text.indexOf(PREFIX) === 0) {
      return digest(text.slice(PREFIX.length)).then(function (hex) {
        return { list: list, person: list.registrants.find(function (r) { return r.digest === hex; }) };
      });
    }
    var code = normalise(text);
    return Promise.resolve({ list: list, person: list.registrants.find(function (r) { return r.code === code; }) });
  }

  function checkInOffline(text) {
    return findLocal(text).then(function (found) {
      var queue = load(queueKey, []);
      var item = { id: Date.now().toString(36) + Math.random().toString(36).slice(2, 6), ticket: text, at: new Date().toISOString() };
      if (!found.list) {
        show(msg("NoList"));
      } else if (!found.person) {
        show(msg("LocalUnknown"));
      } else if (found.person.checked_in_at || queue.some(function (q) { return q.registration === found.person.registration; })) {
        show(msg("LocalAlready", { name: found.person.name }));
        return;
      } else {
        item.registration = found.person.registration;
        show(msg("LocalOk", { name: found.person.name }));
      }
      // Keep the ticket's text (the server finds it again); the registration is only local.
      var keep = { id: item.id, ticket: item.ticket, at: item.at, registration: item.registration };
      queue.push(keep);
      save(queueKey, queue);
      var sendButton = root.querySelector("[data-offline-send]");
      sendButton.hidden = false;
    });
  }

  function sendQueue() {
    var queue = load(queueKey, []);
    if (!queue.length || !navigator.onLine) return Promise.resolve();
    var items = queue.map(function (q) { return { id: q.id, ticket: q.ticket, at: q.at }; });
    return fetch(root.dataset.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify({ device: device, items: items })
    })
      .then(function (r) { if (!r.ok && r.status !== 400) throw new Error(r.status); return r.json(); })
      .then(function (answer) {
        if (answer.error) { show(answer.error); return; }
        var sent = {};
        items.forEach(function (i) { sent[i.id] = true; });
        save(queueKey, load(queueKey, []).filter(function (q) { return !sent[q.id]; }));
        var lines = [msg("Sent", { merged: answer.merged.length, duplicate: answer.duplicate.length, refused: answer.refused.length })];
        answer.refused.forEach(function (r) { lines.push(r.message); });
        show(lines.join("\n"));
        updateCounts(answer);
        root.querySelector("[data-offline-send]").hidden = load(queueKey, []).length === 0;
      })
      .catch(function () { showQueue(); });
  }
  root.querySelector("[data-offline-send]").addEventListener("click", sendQueue);
  window.addEventListener("online", sendQueue);
  window.addEventListener("offline", function () { show(msg("Offline")); });

  form.addEventListener("submit", function (event) {
    if (navigator.onLine) return; // the server decides
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    checkInOffline(text);
    input.focus();
  });

  // ---- Live counts ---------------------------------------------------------------
  function updateCounts(data) {
    if (data && data.label) countsBox.querySelector("strong").textContent = data.label;
  }
  setInterval(function () {
    if (!navigator.onLine || document.hidden) return;
    fetch(root.dataset.countsUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(updateCounts)
      .catch(function () { /* offline: the next tick tries again */ });
  }, 15000);

  // ---- Camera --------------------------------------------------------------------
  var camera = root.querySelector("[data-camera]");
  if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    camera.hidden = false;
    var toggle = camera.querySelector("[data-camera-toggle]");
    var video = camera.querySelector("[data-camera-video]");
    var stream = null;
    var detector = null;
    var stop = function () {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      video.hidden = true;
      toggle.textContent = msg("Camera");
    };
    var tick = function () {
      if (!stream) return;
      detector.detect(video).then(function (codes) {
        var hit = codes.find(function (c) { return c.rawValue; });
        if (hit) {
          stop();
          input.value = hit.rawValue;
          if (navigator.onLine) form.submit();
          else { checkInOffline(hit.rawValue); input.value = ""; }
          return;
        }
        setTimeout(tick, 250);
      }).catch(function () { setTimeout(tick, 500); });
    };
    toggle.addEventListener("click", function () {
      if (stream) { stop(); return; }
      try { detector = new BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { show(msg("CameraError")); return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (s) {
          stream = s;
          video.srcObject = s;
          video.hidden = false;
          toggle.textContent = msg("CameraStop");
          return video.play();
        })
        .then(tick)
        .catch(function () { stop(); show(msg("CameraError")); });
    });
  }

  if (!navigator.onLine) show(msg("Offline"));
  showQueue();
  sendQueue();
  var outcome = root.querySelector("[data-outcome]");
  if (outcome) input.focus();
})();
