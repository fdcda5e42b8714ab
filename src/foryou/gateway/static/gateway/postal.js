/* A 7-digit postal code fills in the town from the city's own town list when the address is empty.
   The lookup's address comes from this script tag's data-lookup-url. */
(function () {
  "use strict";
  var postal = document.getElementById("id_postal_code"), address = document.getElementById("id_address");
  var lookup = document.currentScript.dataset.lookupUrl;
  if (!postal || !address || !lookup) return;
  postal.addEventListener("input", function () {
    var digits = postal.value.normalize("NFKC").replace(/\D/g, "");
    if (digits.length !== 7 || address.value.trim()) return;
    fetch(lookup + "?code=" + digits).then(function (r) { return r.json(); }).then(function (data) {
      if (data.towns.length && !address.value.trim()) { address.value = data.towns[0].address; address.focus(); }
    });
  });
})();
