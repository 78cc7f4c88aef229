// Polls a report's status while it is being built, announces the change, then reloads the page.
(function () {
  "use strict";
  var blok = document.querySelector("[data-status-url]");
  if (!blok) { return; }
  var url = blok.getAttribute("data-status-url");
  var melding = document.getElementById("status-melding");
  function vraag() {
    fetch(url, { credentials: "same-origin" })
      .then(function (antwoord) { return antwoord.json(); })
      .then(function (gegevens) {
        if (melding) { melding.textContent = gegevens.label; }
        if (gegevens.klaar) { window.location.reload(); } else { window.setTimeout(vraag, 2000); }
      })
      .catch(function () { window.setTimeout(vraag, 5000); });
  }
  window.setTimeout(vraag, 1500);
})();
