/* In LINE (LIFF) the page closes and the chat shows again; elsewhere the link opens the LINE app. */
(function () {
  "use strict";
  var link = document.getElementById("back-to-line");
  if (!link) return;
  link.addEventListener("click", function (event) {
    if (window.liff && liff.isInClient && liff.isInClient()) { event.preventDefault(); liff.closeWindow(); }
  });
})();
