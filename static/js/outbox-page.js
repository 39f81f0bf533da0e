// The outbox page: each item waiting on this phone, what became of its last try, and buttons to send it
// now or discard it. The words come from the page (templates/offline/outbox.html), in the user's language.
(function () {
  "use strict";

  function text(list, name) { return list.getAttribute("data-text-" + name) || ""; }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function when(timestamp) {
    var language = document.documentElement.lang || "id";
    return new Intl.DateTimeFormat(language, {
      day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
    }).format(new Date(timestamp));
  }

  function problems(list, item) {
    if (item.state === "signin") return [text(list, "signin")];
    if (item.state !== "refused") return [];
    if (item.code) return [text(list, item.code.replace("_", "-"))];
    var messages = [];
    Object.keys(item.errors || {}).forEach(function (field) { messages = messages.concat(item.errors[field]); });
    return [text(list, "refused")].concat(messages);
  }

  function row(list, item, redraw) {
    var li = element("li", "card outbox-item outbox-" + item.state);
    li.setAttribute("data-outbox-item", item.id);
    li.appendChild(element("strong", "", item.label));
    if (item.summary) li.appendChild(element("p", "wrap", item.summary));
    var facts = text(list, "written") + " " + when(item.created);
    if (item.files.length) facts += " · " + item.files.length + " " + text(list, "files");
    if (item.tries) facts += " · " + item.tries + " " + text(list, "tries");
    li.appendChild(element("p", "muted", facts));
    var state = element("p", "outbox-state", item.state === "waiting" ? text(list, "waiting") : "");
    problems(list, item).forEach(function (message, index) {
      if (index) state.appendChild(document.createElement("br"));
      state.appendChild(document.createTextNode(message));
    });
    if (item.state === "signin") {
      var signIn = element("a", "", " →");
      signIn.href = list.getAttribute("data-signin-url");
      state.appendChild(signIn);
    }
    state.setAttribute("role", "status");
    li.appendChild(state);
    var actions = element("p", "actions");
    var send = element("button", "button primary", item.state === "refused" ? text(list, "send-again") : text(list, "send"));
    send.type = "button";
    send.addEventListener("click", function () {
      send.disabled = true;
      item.state = "waiting";
      window.OutboxStore.deliver(item).then(function (result) {
        if (result.state === "sent") {
          li.replaceChildren(element("strong", "", item.label), element("p", "outbox-state", text(list, "sent") + " "));
          var open = element("a", "", text(list, "open"));
          open.href = result.location;
          li.lastChild.appendChild(open);
          window.Outbox.showCount();
          return;
        }
        if (result.state === "waiting") window.alert(text(list, "offline"));
        redraw();
      });
    });
    var discard = element("button", "button", text(list, "discard"));
    discard.type = "button";
    discard.addEventListener("click", function () {
      if (!window.confirm(text(list, "discard-confirm"))) return;
      window.OutboxStore.remove(item.id).then(function () { window.Outbox.showCount(); redraw(); });
    });
    actions.append(send, discard);
    li.appendChild(actions);
    return li;
  }

  function draw(list) {
    var items = list.querySelector(".outbox-items");
    var sendAll = document.querySelector("[data-outbox-send-all]");
    return window.Outbox.whoIsHere().then(function (who) { return who ? window.OutboxStore.mine(who) : []; }).then(function (found) {
      items.replaceChildren.apply(items, found.map(function (item) { return row(list, item, function () { draw(list); }); }));
      list.querySelector("[data-outbox-empty]").hidden = found.length > 0;
      sendAll.hidden = !found.some(function (item) { return item.state !== "refused"; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("[data-outbox-list]");
    if (!list) return;
    if (!window.OutboxStore || !window.indexedDB) {
      document.querySelector("[data-outbox-unsupported]").hidden = false;
      return;
    }
    if (new URLSearchParams(window.location.search).get("saved")) document.querySelector("[data-outbox-saved]").hidden = false;
    draw(list);
    document.addEventListener("outbox:changed", function () { draw(list); });
    document.querySelector("[data-outbox-send-all]").addEventListener("click", function () {
      window.Outbox.sendWaiting().then(function (results) {
        if (results.some(function (done) { return done.result.state === "waiting"; })) window.alert(text(list, "offline"));
      });
    });
  });
})();
