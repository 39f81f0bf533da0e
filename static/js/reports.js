// The report filters fold away on a phone; on a wider screen they are open. CSS shows them open
// there already where the browser styles ::details-content; this opens them everywhere else.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 640.02px)").matches) return;
  document.querySelectorAll("details.filters-fold").forEach(function (fold) { fold.open = true; });
})();
