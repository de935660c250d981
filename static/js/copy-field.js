// Adds a "Copy" button next to a read-only field marked data-copy (the label comes from
// the field's data-copy and data-copied attributes, translated on the server).
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("input[data-copy]").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button--secondary";
    button.textContent = input.dataset.copy;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = input.dataset.copied;
      });
    });
    input.insertAdjacentElement("afterend", button);
  });
})();
