/* After the server found problems: bring the first field with an error into view and put the cursor there. */
(function () {
  "use strict";
  var first = document.querySelector("[aria-invalid=true]");
  if (!first) return;
  first.scrollIntoView({block: "center"});
  first.focus({preventScroll: true});
})();
