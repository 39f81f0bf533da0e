/* Seminar pages: the running total of the scoring form, the print button, budget fields on demand. */
(function () {
  "use strict";

  function runningTotal(form) {
    var out = form.querySelector("[data-running-total]");
    if (!out) return;
    var inputs = form.querySelectorAll("input.score-input");
    function update() {
      var total = 0, scored = 0;
      inputs.forEach(function (input) {
        var value = parseFloat(String(input.value).replace(",", "."));
        var weight = parseFloat(input.dataset.weight);
        if (!isNaN(value) && !isNaN(weight)) { total += value * weight / 100; scored += 1; }
      });
      out.textContent = scored ? total.toFixed(2) + " (" + scored + "/" + inputs.length + ")" : "—";
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
  }

  function budgetFields(form) {
    var category = form.querySelector("select[name='category']");
    var fields = form.querySelector("[data-budget-fields]");
    if (!category || !fields) return;
    function update() { fields.hidden = category.value !== "budget"; }
    category.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.score-form").forEach(runningTotal);
    document.querySelectorAll("form[data-feedback-form]").forEach(budgetFields);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
