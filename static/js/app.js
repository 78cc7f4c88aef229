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
