/* マイナンバーカードで本人確認 in LINE: the start waits (a few seconds at most) for the LIFF ID token, which
   tells the gateway whom to link the registration to; without it the server asks to open the page from
   the city's LINE account. */
(function () {
  "use strict";
  var form = document.getElementById("mynumber-start"), waiting = false, waited = false;
  if (!form || !window.liffIdToken) return;
  form.addEventListener("submit", function (event) {
    if (waited) return;
    event.preventDefault();
    if (waiting) return;  // a second tap while waiting starts nothing more
    waiting = true;
    var timeout = new Promise(function (resolve) { setTimeout(resolve, 3000); });
    Promise.race([window.liffIdToken, timeout]).catch(function () {}).then(function () {
      waited = true;
      setTimeout(function () { form.requestSubmit(); }, 0);
    });
  });
})();
