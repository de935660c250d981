// Progressive enhancement: a live count of the characters left in a limited field.
// Without JavaScript the field keeps its maxlength and its stated limit. With it, the
// maxlength is lifted so that pasted text is never cut silently: the counter says how
// many characters are too many, and the server refuses the form with the text kept.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var number = window.Intl ? new Intl.NumberFormat(lang) : { format: String };
  document.querySelectorAll("[data-char-count]").forEach(function (field) {
    var limit = parseInt(field.getAttribute("data-char-count"), 10);
    if (!limit) return;
    var counter = document.createElement("span");
    counter.className = "char-count";
    counter.id = field.id + "_count";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    field.removeAttribute("maxlength");
    var timer = null;
    function update() {
      var left = limit - field.value.length;
      var name = left < 0 ? "data-count-over" : "data-count-left";
      var template = field.getAttribute(Math.abs(left) === 1 ? name + "-one" : name);
      counter.textContent = template.replace("%(count)s", number.format(Math.abs(left)));
      counter.classList.toggle("char-count--over", left < 0);
    }
    update();
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 300);
    });
  });
})();
