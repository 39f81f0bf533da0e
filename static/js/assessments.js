/* Seminar pages: the running total of the scoring form, the print button, budget fields on demand. */
(function () {
  "use strict";

  var NUMBER = /^\s*\d+(?:[.,]\d+)?\s*$/;

  /* The value a score field holds, or null when it is empty, not a number or outside the rubric's range:
     such a value is refused on submit, so counting it would show a total that will never be saved. */
  function scoreOf(input) {
    var text = String(input.value);
    if (!NUMBER.test(text)) return null;
    var value = parseFloat(text.replace(",", "."));
    var low = parseFloat(input.min), high = parseFloat(input.max);
    if ((!isNaN(low) && value < low) || (!isNaN(high) && value > high)) return null;
    return value;
  }

  function decimal(value) {
    var locale = document.documentElement.lang === "en" ? "en-GB" : "id-ID";
    return value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function runningTotal(form) {
    var out = form.querySelector("[data-running-total]");
    if (!out) return;
    var note = form.querySelector("[data-ignored-note]");
    var inputs = form.querySelectorAll("input.score-input");
    function update() {
      var total = 0, scored = 0, ignored = 0;
      inputs.forEach(function (input) {
        var value = scoreOf(input);
        var weight = parseFloat(input.dataset.weight);
        var invalid = value === null && String(input.value).trim() !== "";
        input.classList.toggle("out-of-range", invalid);
        if (invalid) ignored += 1;
        if (value !== null && !isNaN(weight)) { total += value * weight / 100; scored += 1; }
      });
      out.textContent = scored ? decimal(total) + " (" + scored + "/" + inputs.length + ")" : "\u2014";
      if (note) {
        note.hidden = !ignored;
        note.textContent = ignored ? note.dataset.template.replace("%(count)s", ignored) : "";
      }
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
