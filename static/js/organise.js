/* The organiser's workspace: a progress note on forms that take a while, a confirmation before undoing. */
(function () {
  "use strict";

  var MOMENT_MS = 400; // a check that answers faster than this needs no indicator

  function busyForm(form) {
    var note = form.querySelector("[data-busy]");
    form.addEventListener("submit", function () {
      var buttons = form.querySelectorAll("button[type='submit']");
      window.setTimeout(function () {
        buttons.forEach(function (button) { button.disabled = true; });
        if (note) note.hidden = false;
      }, MOMENT_MS);
    });
  }

  function confirmForm(form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-busy-form]").forEach(busyForm);
    document.querySelectorAll("form[data-confirm]").forEach(confirmForm);
  });
})();
