// Small enhancements for forms; every form also works without JavaScript.
(function () {
  "use strict";

  // A group of checkboxes (or buttons) is one Tab stop: the arrow keys, Home and End move within
  // it, the space bar ticks (a roving tabindex, as WAI-ARIA's practices describe it).
  function pijltjes(groep) {
    function items() {
      return Array.prototype.filter.call(groep.querySelectorAll(groep.getAttribute("data-pijltjes")), function (el) {
        return !el.disabled && !el.closest("[hidden]");
      });
    }
    function bijwerken(actief) {
      var alle = items();
      if (alle.indexOf(actief) < 0) {
        actief = alle.filter(function (el) { return el.checked; })[0] || alle[0];
      }
      alle.forEach(function (el) { el.tabIndex = el === actief ? 0 : -1; });
    }
    groep.addEventListener("keydown", function (event) {
      var alle = items();
      var i = alle.indexOf(document.activeElement);
      var stap = { ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: alle.length - 1 };
      if (i < 0 || !(event.key in stap)) { return; }
      event.preventDefault();
      var doel = alle[Math.max(0, Math.min(alle.length - 1, stap[event.key]))];
      bijwerken(doel);
      doel.focus();
    });
    groep.addEventListener("focusin", function (event) { bijwerken(event.target); });
    groep.bijwerken = bijwerken;
    bijwerken();
  }
  document.querySelectorAll("[data-pijltjes]").forEach(pijltjes);
  function groepenBijwerken() {
    document.querySelectorAll("[data-pijltjes]").forEach(function (groep) { groep.bijwerken(); });
  }

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
      groepenBijwerken();
    });
  });

  // What is ticked in a long list shows above it as chips; a chip's button unticks it.
  document.querySelectorAll("[data-chips]").forEach(function (vak) {
    var lijst = document.getElementById(vak.getAttribute("data-chips"));
    var chips = vak.querySelector(".chips");
    if (!lijst || !chips) { return; }
    function tekenen() {
      chips.textContent = "";
      lijst.querySelectorAll("input[type='checkbox']:checked").forEach(function (vakje) {
        var naam = lijst.querySelector("label[for='" + vakje.id + "']").textContent.trim();
        var item = document.createElement("li");
        var knop = document.createElement("button");
        item.className = "list-inline-item";
        knop.type = "button";
        knop.className = "btn btn-sm btn-outline-primary";
        knop.textContent = naam + " ×";
        knop.setAttribute("aria-label", naam + " weghalen uit de keuze");
        knop.addEventListener("click", function () {
          vakje.checked = false;
          tekenen();
          var volgende = chips.querySelector("button");
          (volgende || vakje).focus();
        });
        item.appendChild(knop);
        chips.appendChild(item);
      });
      chips.bijwerken();
    }
    lijst.addEventListener("change", tekenen);
    tekenen();
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
    groepenBijwerken();
  }
  if (onderwerpen.length) {
    onderwerpen.forEach(function (keuze) { keuze.addEventListener("change", toonThemas); });
    toonThemas();
  }
})();
