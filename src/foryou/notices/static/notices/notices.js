/* Notices pages (htmx, no build step): draw the LINE preview with the phone simulator's Flex renderer
   (shared/static/shared/flex.js) from the JSON the server puts beside it, and fill a new notice's contact
   from the program chosen, unless the author already typed their own. */
(function () {
  "use strict";

  function drawFlex(root) {
    if (!window.FlexRenderer) return;
    (root || document).querySelectorAll("[data-flex]").forEach(function (slot) {
      const source = document.getElementById(slot.dataset.flex);
      if (!source) return;
      try {
        const bubble = new window.FlexRenderer(function () {}).render(JSON.parse(source.textContent));
        slot.replaceChildren(bubble);
      } catch (error) {
        slot.textContent = "";
      }
    });
  }

  const FILLS = { department: "id_contact_department", phone: "id_contact_phone", hours: "id_contact_hours",
                  summary: "id_body" };

  function fillFromProgram(select) {
    const option = select.selectedOptions[0];
    if (!option) return;
    Object.keys(FILLS).forEach(function (key) {
      const input = document.getElementById(FILLS[key]);
      if (!input) return;
      const untouched = input.value === "" || input.value === (input.dataset.filled || "");
      const value = option.dataset[key] || "";
      if (untouched) {
        input.value = value;
        input.dataset.filled = value;
      }
    });
  }

  /* What the chosen program allows for measuring the effect (foryou.effect): a holdout, wording variants,
     or a note saying why not. */
  function offerEffect(select) {
    const option = select.selectedOptions[0];
    const note = document.getElementById("effect-note");
    if (!option || !note) return;
    const program = option.dataset.holdout !== undefined;
    const broadcast = !program && option.value !== "";
    note.textContent = program ? (option.dataset.effectNote || "") :
      (broadcast ? note.dataset.broadcastNote : note.dataset.chooseNote);
    note.hidden = program && !option.dataset.effectNote;
    document.getElementById("effect-holdout").hidden = broadcast || (program && option.dataset.holdout !== "1");
    document.getElementById("effect-variants").hidden = broadcast || (program && option.dataset.variants !== "1");
    if (broadcast || option.dataset.holdout !== "1") document.getElementById("id_holdout_percent").value = "0";
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawFlex(document);
    const target = document.getElementById("id_target");
    if (target) {
      target.addEventListener("change", function () { fillFromProgram(target); offerEffect(target); });
      // What the server filled in from the program counts as untouched until the author edits it.
      const option = target.selectedOptions[0];
      Object.keys(FILLS).forEach(function (key) {
        const input = document.getElementById(FILLS[key]);
        if (input && option && input.value === (option.dataset[key] || "")) input.dataset.filled = input.value;
      });
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) { drawFlex(event.detail.elt); });
})();
