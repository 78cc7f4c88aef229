// Polls the status of work that runs in the background (a report being built, mail being sent)
// for every element with data-status-url, announces each change in its live region
// ([data-status-melding]), and reloads the page once everything on it is done.
(function () {
  "use strict";
  var blokken = document.querySelectorAll("[data-status-url]");
  if (!blokken.length) { return; }
  var open = blokken.length;
  function volg(blok) {
    var url = blok.getAttribute("data-status-url");
    var melding = blok.querySelector("[data-status-melding]");
    function vraag() {
      fetch(url, { credentials: "same-origin" })
        .then(function (antwoord) { return antwoord.json(); })
        .then(function (gegevens) {
          if (melding) { melding.textContent = gegevens.label; }
          if (gegevens.klaar) {
            open -= 1;
            if (open === 0) { window.location.reload(); }
          } else {
            window.setTimeout(vraag, 2000);
          }
        })
        .catch(function () { window.setTimeout(vraag, 5000); });
    }
    window.setTimeout(vraag, 1500);
  }
  Array.prototype.forEach.call(blokken, volg);
})();
