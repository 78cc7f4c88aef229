// On every page.
(function () {
  "use strict";

  // The skip link moves the focus to the content without putting #inhoud in the address, so the
  // fragment is not carried along into the next pages (where it would move the focus by itself).
  var skip = document.querySelector(".skip-link");
  var inhoud = document.getElementById("inhoud");
  if (skip && inhoud) {
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      inhoud.focus();
      inhoud.scrollIntoView();
    });
  }

  // A form sent back with errors opens with its error summary focused, so a screen reader reads
  // it and the keyboard starts there; a link in the summary moves the focus to its field.
  var overzicht = document.querySelector("[data-foutoverzicht]");
  if (!overzicht) { return; }
  overzicht.focus();
  window.addEventListener("load", function () {
    // Scrolling to a fragment in the address can move the focus after this script ran.
    var nu = document.activeElement;
    if (!nu || nu === document.body || (location.hash && nu.id === location.hash.slice(1))) {
      overzicht.focus();
    }
  });
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

// A table's scroll box ({% schuifvak %}) is a tab stop only while it has something to scroll to
// (on a phone, say); on a wide screen it would be a stop that does nothing.
(function () {
  "use strict";
  var vakken = document.querySelectorAll(".schuifvak");
  if (!vakken.length) { return; }
  function bijwerken() {
    vakken.forEach(function (vak) {
      if (vak.scrollWidth > vak.clientWidth + 1) {
        vak.setAttribute("tabindex", "0");
      } else {
        vak.removeAttribute("tabindex");
      }
    });
  }
  bijwerken();
  window.addEventListener("resize", bijwerken);
  // A table inside a closed <details> has no width until it is opened.
  document.addEventListener("toggle", bijwerken, true);
})();

// A form that asks for a kind of something first (the report form: maand, kwartaal, eind) shows
// only the fields of the kind chosen; without this script every field shows, each labelled with
// its kind, and the server ignores the others.
(function () {
  "use strict";
  document.querySelectorAll("form[data-soortkeuze]").forEach(function (form) {
    var groepen = form.querySelectorAll("[data-toon-bij]");
    function bijwerken() {
      var gekozen = form.querySelector("input[name=soort]:checked");
      groepen.forEach(function (groep) {
        groep.hidden = Boolean(gekozen) && groep.dataset.toonBij.split(" ").indexOf(gekozen.value) < 0;
      });
    }
    form.addEventListener("change", bijwerken);
    bijwerken();
  });
})();
