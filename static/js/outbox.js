// The installable app on each page: registers the service worker, shows when a page comes from the phone,
// keeps a form marked data-outbox in the outbox (static/js/outbox-store.js) when it cannot be sent now,
// and sends what waits whenever a page opens or the connection returns; the outbox page lists it.
(function () {
  "use strict";

  var body = document.body;
  var Store = window.OutboxStore;
  var usable = Store && window.indexedDB && window.fetch && window.Promise;
  var shell = body.hasAttribute("data-shell");  // the offline and outbox pages: the same for everyone
  var user = body.getAttribute("data-user") || "";
  var largest = 1600;  // px: a photo's longest side after shrinking on the phone
  var sending = null;  // the flush under way, which a second call joins instead of starting another
  var retryTimer = null;

  function whoIsHere() {
    return shell ? Store.getUser().then(function (known) { return known || ""; }) : Promise.resolve(user);
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(body.getAttribute("data-service-worker"), { scope: "/" }).catch(function () {});
  }

  function showBanner() {
    var banner = document.querySelector("[data-offline-banner]");
    if (!banner) return;
    var cached = body.getAttribute("data-served") === "cache";
    banner.querySelector("[data-offline-now]").hidden = navigator.onLine !== false;
    banner.querySelector("[data-offline-cached]").hidden = !cached;
    banner.hidden = navigator.onLine !== false && !cached;
  }

  // Also on pages without the header's count (the outbox page itself), where the next try is still planned.
  function showCount() {
    if (!usable) return Promise.resolve();
    var link = document.querySelector("[data-outbox-count]");
    return whoIsHere().then(function (who) { return who ? Store.mine(who) : []; }).then(function (items) {
      retryWhenDue(items);
      if (!link) return;
      link.querySelector(".outbox-count").textContent = items.length;
      link.hidden = items.length === 0;
      link.classList.toggle("has-refused", items.some(function (item) { return item.state === "refused"; }));
    });
  }

  // The browser's "online" event is a hint it may not give (a phone moving between networks, an emulated
  // connection): while something waits, the page tries again itself, sooner after a fresh failure, later
  // after many, so that a bad connection is not asked to carry the same photos every few seconds.
  function nextTry(item) {
    if (!item.tries) return item.created || 0;
    return (item.lastTry || 0) + Math.min(10000 * Math.pow(2, item.tries - 1), 5 * 60000);
  }

  function retryWhenDue(items) {
    window.clearTimeout(retryTimer);
    var waiting = items.filter(function (item) { return item.state === "waiting"; });
    if (!waiting.length) return;
    var due = Math.min.apply(null, waiting.map(nextTry));
    retryTimer = window.setTimeout(retry, Math.max(due - Date.now(), 3000));
  }

  function retry() {
    if (document.visibilityState === "hidden") return;  // sent when the page is looked at again
    if (navigator.onLine === false) {
      retryTimer = window.setTimeout(retry, 5000);
      return;
    }
    sendWaiting();
  }

  function sendWaiting() {
    if (!usable || navigator.onLine === false) return Promise.resolve([]);
    if (sending) return sending;
    sending = whoIsHere()
      .then(function (who) { return who ? Store.flush(who) : []; })
      .catch(function () { return []; })
      .then(function (results) {
        sending = null;
        showCount();
        document.dispatchEvent(new CustomEvent("outbox:changed"));
        return results;
      });
    return sending;
  }

  // Pages of a signed-in user are kept on the phone only while they are signed in (shared office PCs).
  function forgetPages() {
    if (window.caches) window.caches.delete("pages");
  }

  function keepForOffline() {
    if (!("serviceWorker" in navigator) || navigator.onLine === false) return;
    var urls = Array.prototype.map.call(document.querySelectorAll("a[data-keep-offline]"), function (a) { return a.href; });
    if (!urls.length) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage({ keep: urls });
    });
  }

  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 400 * 1024 || !window.createImageBitmap) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, largest / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";  // a PNG's transparent parts, which JPEG cannot keep
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", 0.82); });
    }).then(function (blob) {
      if (!blob || blob.size >= file.size) return file;
      return new File([blob], file.name.replace(/\.[^.]+$/, "") + ".jpg", { type: "image/jpeg" });
    }).catch(function () { return file; });
  }

  function capture(form) {
    var fields = [];
    var files = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "client_id") return;
      if (value instanceof File) {
        if (value.name || value.size) files.push({ field: name, file: value });
      } else {
        fields.push([name, value]);
      }
    });
    return Promise.all(files.map(function (chosen) {
      return shrink(chosen.file).then(function (file) {
        return { field: chosen.field, name: file.name, type: file.type, size: file.size, blob: file };
      });
    })).then(function (stored) {
      var summary = form.querySelector("[name=note], [name=answer]");
      return {
        id: Store.newId(),
        user: user,
        action: form.action,
        label: form.getAttribute("data-outbox"),
        summary: summary ? summary.value.slice(0, 140) : "",
        created: Date.now(),
        state: "waiting",
        tries: 0,
        fields: fields,
        files: stored,
      };
    });
  }

  function askForSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register("outbox");
    }).catch(function () {});
  }

  function interceptForms() {
    // On the document, so that a form's own handlers (reading the location first) run before this one.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!usable || !user || event.defaultPrevented || !form.matches("form[data-outbox]")) return;
      event.preventDefault();
      form.setAttribute("aria-busy", "true");
      form.querySelectorAll("[type=submit]").forEach(function (button) { button.disabled = true; });
      var kept;
      capture(form)
        .then(function (item) { kept = item; return Store.put(item); })
        .then(function () { return navigator.onLine === false ? { state: "waiting" } : Store.deliver(kept); })
        .then(function (result) {
          if (result.state === "sent") {
            window.location.assign(result.location);
          } else if (result.state === "refused") {
            // The page shows the errors at their fields, as without the outbox.
            return Store.remove(kept.id).then(function () { submitNatively(form, kept.id); });
          } else {
            askForSync();
            window.location.assign(body.getAttribute("data-outbox-page") + "?saved=" + encodeURIComponent(kept.id));
          }
        })
        .catch(function () { submitNatively(form, kept && kept.id); });  // no room on the phone: send as is
    });
  }

  function submitNatively(form, id) {
    var field = form.querySelector("[name=client_id]");
    if (field && id) field.value = id;
    form.removeAttribute("data-outbox");
    form.submit();
  }

  document.addEventListener("DOMContentLoaded", function () {
    registerWorker();
    showBanner();
    window.addEventListener("online", function () { showBanner(); sendWaiting(); });
    window.addEventListener("offline", showBanner);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") sendWaiting();
    });
    if (!usable) return;
    if (!shell) {
      Store.setUser(user).catch(function () {});
      if (!user) forgetPages();
    }
    document.querySelectorAll("form[action$='/accounts/logout/']").forEach(function (form) {
      form.addEventListener("submit", function () { forgetPages(); Store.setUser("").catch(function () {}); });
    });
    var redrawSoon = null;
    Store.whenChanged(function () {  // several changes in one send come as one redraw
      window.clearTimeout(redrawSoon);
      redrawSoon = window.setTimeout(function () {
        showCount();
        document.dispatchEvent(new CustomEvent("outbox:changed"));
      }, 200);
    });
    interceptForms();
    keepForOffline();
    showCount().then(sendWaiting);
  });

  window.Outbox = { sendWaiting: sendWaiting, showCount: showCount, whoIsHere: whoIsHere, nextTry: nextTry };
})();
