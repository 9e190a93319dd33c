// The framework list's "Compare selected" form: says how many are ticked and stops at the most
// a comparison takes. Without this script the form still submits and compare explains the limits.
(function () {
  "use strict";
  var form = document.querySelector("form.compare-form");
  if (!form) return;
  var hint = form.querySelector(".compare-bar-hint");
  var min = Number(form.dataset.min) || 2;
  var max = Number(form.dataset.max) || 6;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=frameworks]"));
  hint.setAttribute("aria-live", "polite");

  function ticked() {
    return boxes.filter(function (box) { return box.checked; }).length;
  }

  function update() {
    var count = ticked();
    var full = count >= max;
    boxes.forEach(function (box) { box.disabled = full && !box.checked; });
    if (count === 0) hint.textContent = "Tick " + min + " to " + max + " frameworks above.";
    else if (count < min) hint.textContent = count + " ticked: tick at least " + min + ".";
    else if (full) hint.textContent = count + " ticked: that is the most one comparison takes.";
    else hint.textContent = count + " ticked (up to " + max + ").";
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    if (ticked() < min) {
      event.preventDefault();
      hint.textContent = "Tick at least " + min + " frameworks to compare them.";
      (boxes.filter(function (box) { return !box.disabled; })[0] || hint).focus();
    }
  });
  update();
})();
