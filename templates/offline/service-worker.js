// Diklat Tracker's service worker, rendered by offline/views.py with the static files' hashed names.
// Pages: from the network, the copy kept on the phone when there is none (the last-seen pages, for a week,
// emptied at logout); never the API, the admin or the login. Static files: kept, as their names change
// with their content. What was written offline waits in the outbox (static/js/outbox-store.js).
"use strict";

var VERSION = "{{ version }}";
var SHELL = "shell-" + VERSION;
var PAGES = "pages";
var SHELL_URLS = {{ shell|safe }};
var OFFLINE_PAGE = {{ offline_page|safe }};
var STATIC_PREFIX = {{ static_prefix|safe }};
var PAGES_KEPT = 40;
var PAGE_MAX_AGE = 7 * 24 * 3600 * 1000;
var NEVER_KEPT = ["/api/", "/admin/", "/accounts/", "/i18n/"];
var HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

importScripts({{ store_script|safe }});

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL)
      .then(function (cache) { return cache.addAll(SHELL_URLS); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (key) { return key !== SHELL && key !== PAGES; }).map(function (key) {
          return caches.delete(key);
        }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function fromStatic(request) {
  var hashed = HASHED.test(new URL(request.url).pathname);
  return caches.open(SHELL).then(function (cache) {
    return cache.match(request).then(function (cached) {
      if (cached && hashed) return cached;
      return fetch(request)
        .then(function (response) {
          if (response.ok) cache.put(request, response.clone());
          return response;
        })
        .catch(function () { return cached || Response.error(); });
    });
  });
}

function keep(url, response) {
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("X-Kept-At", String(Date.now()));
    var copy = new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
    return caches.open(PAGES).then(function (cache) {
      return cache.delete(url).then(function () { return cache.put(url, copy); }).then(function () {
        return cache.keys().then(function (keys) {
          return Promise.all(keys.slice(0, Math.max(0, keys.length - PAGES_KEPT)).map(function (key) { return cache.delete(key); }));
        });
      });
    });
  });
}

function keepable(response) {
  return response.ok && !response.redirected && response.type === "basic" &&
    (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

// The copy says it came from the phone, so the page can tell its reader (static/js/outbox.js).
function marked(cached) {
  return cached.text().then(function (html) {
    return new Response(html.replace('data-served="network"', 'data-served="cache"'), { headers: cached.headers });
  });
}

function page(request) {
  return fetch(request)
    .then(function (response) {
      if (keepable(response)) keep(request.url, response.clone());
      return response;
    })
    .catch(function () {
      return caches.open(PAGES)
        .then(function (cache) { return cache.match(request.url, { ignoreVary: true }); })
        .then(function (cached) {
          var keptAt = cached && Number(cached.headers.get("X-Kept-At"));
          if (cached && Date.now() - keptAt < PAGE_MAX_AGE) return marked(cached);
          return shellPage(request.url);
        })
        .then(function (found) { return found || Response.error(); });
    });
}

// The outbox and offline pages were kept at install, whatever their query (the outbox's ?saved=);
// any other page never seen gets the offline page.
function shellPage(url) {
  return caches.open(SHELL).then(function (cache) {
    return cache.match(url, { ignoreSearch: true }).then(function (page) {
      return page || cache.match(OFFLINE_PAGE);
    }).then(function (found) { return found && marked(found); });
  });
}

function kept(pathname) {
  return !NEVER_KEPT.some(function (prefix) { return pathname.indexOf(prefix) === 0; });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf(STATIC_PREFIX) === 0) {
    event.respondWith(fromStatic(request));
  } else if (request.mode === "navigate" && kept(url.pathname)) {
    event.respondWith(page(request));
  }
  // Anything else (the API, evidence, charts) goes to the network as without a worker.
});

// A page asks for the pages a participant may need offline (the form to report progress) to be kept.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  event.waitUntil(Promise.all(urls.filter(function (href) {
    var url = new URL(href);
    return url.origin === self.location.origin && kept(url.pathname);
  }).map(function (href) {
    return fetch(href, { credentials: "same-origin" }).then(function (response) {
      if (keepable(response)) return keep(href, response);
    }).catch(function () {});
  })));
});

// Where the browser has Background Sync (not Safari on iOS), what waits is sent when the connection
// returns even with no page open; it retries later while anything still waits.
self.addEventListener("sync", function (event) {
  if (event.tag !== "outbox") return;
  event.waitUntil(self.OutboxStore.getUser().then(function (user) {
    if (!user) return null;
    return self.OutboxStore.flush(user).then(function (results) {
      if (results.some(function (done) { return done.result.state === "waiting"; })) throw new Error("still waiting");
    });
  }));
});
