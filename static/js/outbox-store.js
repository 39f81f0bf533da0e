// The outbox on the phone: what was written, offline perhaps, waits in IndexedDB until the server has it.
// Shared by the pages (static/js/outbox.js) and the service worker, which sends on Background Sync where
// the browser has it; Safari on iOS has none, so there the next page opened sends (outbox.js).
//
// Each item carries the id the phone made for it. The server posts an id once: sent again (an answer lost
// on a poor network), it answers with what it made the first time; asked first (?delivered=<id>), it says
// whether the id has arrived, so that an item already there is not uploaded again with its photos.
(function (scope) {
  "use strict";

  var DATABASE = "diklat-outbox";
  var opened = null;

  function database() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        var request = scope.indexedDB.open(DATABASE, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore("items", { keyPath: "id" }).createIndex("user", "user");
          request.result.createObjectStore("meta");
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { opened = null; reject(request.error); };
      });
    }
    return opened;
  }

  function store(name, mode) {
    return database().then(function (db) { return db.transaction(name, mode).objectStore(name); });
  }

  function answer(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // The worker and other tabs change the outbox too (Background Sync sends with no page asking): each
  // change is announced, so that a page showing the outbox can show it as it now is.
  var channel = scope.BroadcastChannel ? new scope.BroadcastChannel(DATABASE) : null;

  function announced(result) {
    if (channel) channel.postMessage("changed");
    return result;
  }

  function whenChanged(callback) {
    if (channel) channel.addEventListener("message", callback);
  }

  function put(item) {
    return store("items", "readwrite").then(function (items) { return answer(items.put(item)); }).then(announced);
  }
  function get(id) { return store("items", "readonly").then(function (items) { return answer(items.get(id)); }); }
  function remove(id) {
    return store("items", "readwrite").then(function (items) { return answer(items.delete(id)); }).then(announced);
  }

  function mine(user) {
    return store("items", "readonly")
      .then(function (items) { return answer(items.index("user").getAll(String(user))); })
      .then(function (found) { return found.sort(function (a, b) { return a.created - b.created; }); });
  }

  // Who is signed in on this phone, as the last page seen said ("" after logging out): the worker sends
  // only that user's items, with that user's session.
  function setUser(user) { return store("meta", "readwrite").then(function (meta) { return answer(meta.put(String(user || ""), "user")); }); }
  function getUser() { return store("meta", "readonly").then(function (meta) { return answer(meta.get("user")); }); }

  function newId() {
    if (scope.crypto && scope.crypto.randomUUID) return scope.crypto.randomUUID();
    var bytes = scope.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function csrfToken() {
    if (scope.document) {
      var found = scope.document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      return Promise.resolve(found ? decodeURIComponent(found[1]) : null);
    }
    if (scope.cookieStore) {
      return scope.cookieStore.get("csrftoken").then(function (cookie) { return cookie ? cookie.value : null; });
    }
    return Promise.resolve(null);  // a worker that cannot read cookies leaves the sending to the pages
  }

  function withParameter(url, name, value) {
    return url + (url.indexOf("?") === -1 ? "?" : "&") + name + "=" + encodeURIComponent(value);
  }

  function isJson(response) {
    return (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
  }

  // What the server said, as one of: sent (with where to go), refused (with the form's errors), signin
  // (the session ended: the login page answered), waiting (no network, or the server could not now).
  function outcome(response) {
    if (isJson(response) && (response.status === 200 || response.status === 201)) {
      return response.json().then(function (data) { return { state: "sent", location: data.location }; });
    }
    if (isJson(response) && response.status === 400) {
      return response.json().then(function (data) { return { state: "refused", errors: data.errors || {} }; });
    }
    if (response.status === 403) return { state: "refused", errors: {}, code: "forbidden" };
    if (response.status === 404) return { state: "refused", errors: {}, code: "gone" };
    if (response.status === 413) return { state: "refused", errors: {}, code: "too_large" };
    if (response.ok && !isJson(response)) return { state: "signin" };
    return { state: "waiting" };
  }

  function arrived(item) {
    var url = withParameter(item.action, "delivered", item.id);
    return fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "X-Outbox": "1" } }).then(function (response) {
      if (!isJson(response)) return response.ok ? { state: "signin" } : null;
      return response.json().then(function (data) { return data.delivered ? { state: "sent", location: data.location } : null; });
    });
  }

  function post(item, token) {
    var body = new FormData();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    item.files.forEach(function (file) { body.append(file.field, file.blob, file.name); });
    body.set("client_id", item.id);
    body.set("csrfmiddlewaretoken", token);
    return fetch(item.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Outbox": "1", "X-CSRFToken": token },
    }).then(outcome);
  }

  function settle(item, result) {
    if (result.state === "sent") return remove(item.id).then(function () { return result; });
    item.state = result.state;
    item.errors = result.errors || null;
    item.code = result.code || null;
    return put(item).then(function () { return result; });
  }

  // Send one item (asking first whether an earlier try got through), and keep what came of it.
  function deliver(item) {
    item.tries = (item.tries || 0) + 1;
    item.lastTry = Date.now();
    return put(item)
      .then(function () { return item.tries > 1 ? arrived(item) : null; })
      .then(function (known) {
        if (known) return known;
        return csrfToken().then(function (token) { return token ? post(item, token) : { state: "waiting" }; });
      })
      .catch(function () { return { state: "waiting" }; })
      .then(function (result) { return settle(item, result); });
  }

  function exclusively(work) {
    // Two tabs opened at once would both send; the ids keep that harmless, the lock saves the upload.
    if (scope.navigator && scope.navigator.locks) return scope.navigator.locks.request("diklat-outbox", work);
    return work();
  }

  // Send what waits for this user, one item after another; refused items wait for the user to decide.
  function flush(user) {
    return exclusively(function () {
      return mine(user).then(function (items) {
        var results = [];
        return items
          .filter(function (item) { return item.state !== "refused"; })
          .reduce(function (previous, item) {
            return previous.then(function () {
              return deliver(item).then(function (result) { results.push({ item: item, result: result }); });
            });
          }, Promise.resolve())
          .then(function () { return results; });
      });
    });
  }

  scope.OutboxStore = {
    put: put, get: get, remove: remove, mine: mine, setUser: setUser, getUser: getUser,
    newId: newId, deliver: deliver, flush: flush, whenChanged: whenChanged,
  };
})(self);
