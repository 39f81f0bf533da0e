/* The header's menu on a phone: the links, the language and the account fold behind one button, so the
   header is one row. Loaded right after the header, not deferred, so the folded header is the first one
   painted. Without JavaScript the button stays hidden and the links show, as on a wide screen. */
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-button");
  if (!button) { return; }

  function setOpen(open) {
    header.classList.toggle("menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  header.classList.add("has-menu-button");
  button.hidden = false;
  button.addEventListener("click", function () { setOpen(!header.classList.contains("menu-open")); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) { setOpen(false); button.focus(); }
  });
})();
