// On every page. A form sent back with errors opens with its error summary focused, so a screen
// reader reads it and the keyboard starts there; a link in the summary moves focus to its field.
(function () {
  "use strict";
  var overzicht = document.querySelector("[data-foutoverzicht]");
  if (!overzicht) { return; }
  overzicht.focus();
  overzicht.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var veld = link && document.getElementById(link.getAttribute("href").slice(1));
    if (veld) {
      event.preventDefault();
      veld.focus();
      veld.scrollIntoView({ block: "center" });
    }
  });
})();
