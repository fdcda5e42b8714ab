/* Sending waits (a few seconds at most) for the LINE ID token, so the city can answer in the chat;
   without it the application is sent all the same. */
(function () {
  "use strict";
  var form = document.getElementById("review-form"), waiting = false, waited = false;
  if (!form) return;
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (waited || !window.liffIdToken || !button || button.value !== "send") return;
    event.preventDefault();
    if (waiting) return;  // a second tap while waiting sends nothing more
    waiting = true;
    var timeout = new Promise(function (resolve) { setTimeout(resolve, 3000); });
    Promise.race([window.liffIdToken, timeout]).catch(function () {}).then(function () {
      waited = true;
      // In a new task: a form ignores a submit requested while it is still firing this one.
      setTimeout(function () { form.requestSubmit(button); }, 0);
    });
  });
})();
