/* LIFF: put the ID token in the form so the server can verify who the LINE user is. The promise
   (window.liffIdToken) lets a page wait for it before it submits (liff.init answers after the page is
   shown). The LIFF app's ID comes from this script tag's data-liff-id (no inline script: the resident
   pages' Content-Security-Policy allows none). */
(function () {
  "use strict";
  var liffId = document.currentScript.dataset.liffId;
  window.liffIdToken = liff.init({liffId: liffId}).then(function () {
    var token = liff.getIDToken();
    document.querySelectorAll("input[name=id_token]").forEach(function (input) { input.value = token || ""; });
    return token || "";
  });
})();
