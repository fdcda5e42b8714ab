/* A LIFF page that only identifies the LINE user (the settings page's entry): once LIFF gives the ID
   token, the form posts it by itself; the button stays for a browser without scripts or a slow LIFF. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-auto-submit]");
  if (!form || !window.liffIdToken) return;
  window.liffIdToken.then(function (token) { if (token) form.submit(); });
})();
