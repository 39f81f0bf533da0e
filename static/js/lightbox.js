/* Evidence photos: a tap on a thumbnail shows the photo on the page, with the next and previous one a swipe or
   arrow away. Without JavaScript the link simply opens the photo. */
(function () {
  "use strict";
  var dialog, image, caption, links = [], current = 0;
  var isEnglish = function () { return document.documentElement.lang === "en"; };

  function button(label, text, onClick) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "button lightbox-" + label; b.textContent = text;
    b.setAttribute("aria-label", text.length > 1 ? text : label);
    b.addEventListener("click", onClick);
    return b;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", isEnglish() ? "Photo" : "Foto");
    image = document.createElement("img");
    caption = document.createElement("p");
    caption.className = "lightbox-caption";
    var bar = document.createElement("div");
    bar.className = "lightbox-bar";
    bar.appendChild(button("previous", "\u2039", function () { show(current - 1); }));
    bar.appendChild(button("close", isEnglish() ? "Close" : "Tutup", function () { dialog.close(); }));
    bar.appendChild(button("next", "\u203a", function () { show(current + 1); }));
    dialog.appendChild(image); dialog.appendChild(caption); dialog.appendChild(bar);
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") show(current + 1);
      if (event.key === "ArrowLeft") show(current - 1);
    });
    var startX = null;
    dialog.addEventListener("touchstart", function (event) { startX = event.touches[0].clientX; }, { passive: true });
    dialog.addEventListener("touchend", function (event) {
      if (startX === null) return;
      var moved = event.changedTouches[0].clientX - startX;
      if (Math.abs(moved) > 50) show(current + (moved < 0 ? 1 : -1));
      startX = null;
    });
    document.body.appendChild(dialog);
  }

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    image.src = link.href;
    image.alt = link.querySelector("img") ? link.querySelector("img").alt : "";
    caption.textContent = link.dataset.caption || "";
    dialog.querySelectorAll(".lightbox-previous, .lightbox-next").forEach(function (b) { b.hidden = links.length < 2; });
    if (!dialog.open) dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lightbox]");
    if (!link || typeof HTMLDialogElement === "undefined") return;
    event.preventDefault();
    if (!dialog) build();
    links = Array.prototype.slice.call(document.querySelectorAll("a[data-lightbox]"));
    show(links.indexOf(link));
  });
})();
