// Small enhancements for forms; every form also works without JavaScript.
(function () {
  "use strict";

  // A search box above a long list of municipality checkboxes.
  document.querySelectorAll("[data-zoeklijst]").forEach(function (lijst) {
    var invoer = document.getElementById(lijst.getAttribute("data-zoeklijst"));
    if (!invoer) { return; }
    invoer.hidden = false;
    invoer.parentElement.hidden = false;
    invoer.addEventListener("input", function () {
      var term = invoer.value.trim().toLowerCase();
      lijst.querySelectorAll(".form-check").forEach(function (item) {
        var label = item.textContent.toLowerCase();
        var gekozen = item.querySelector("input").checked;
        item.hidden = term !== "" && label.indexOf(term) === -1 && !gekozen;
      });
    });
  });

  // Only the themes that fit the chosen onderwerp are offered; ticks that no longer fit are cleared.
  var onderwerpen = document.querySelectorAll("input[name='onderwerp']");
  function toonThemas() {
    var gekozen = document.querySelector("input[name='onderwerp']:checked");
    var waarde = gekozen ? gekozen.value : "beide";
    document.querySelectorAll("[data-domein]").forEach(function (groep) {
      var past = waarde === "beide" || groep.getAttribute("data-domein") === waarde;
      groep.hidden = !past;
      if (!past) {
        groep.querySelectorAll("input[type='checkbox']").forEach(function (vak) { vak.checked = false; });
      }
    });
  }
  if (onderwerpen.length) {
    onderwerpen.forEach(function (keuze) { keuze.addEventListener("change", toonThemas); });
    toonThemas();
  }
})();
