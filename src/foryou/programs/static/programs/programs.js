/* The condition editor (htmx, no build step). Each change re-renders the tree from the server; when an
   answer arrives while someone is typing in another field, keep what they typed (and send it when they
   leave the field) instead of putting back the value the server knew. */
(function () {
  "use strict";
  let typing = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    typing = null;
    const tree = document.getElementById("tree");
    const active = document.activeElement;
    if (!tree || !active || !active.id || !tree.contains(active)) return;
    if (!(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)) return;
    if (active.type === "checkbox" || active.type === "radio") return;
    const config = event.detail.requestConfig;
    const sent = config && config.formData ? config.formData.get(active.name) : null;
    if (sent !== null && sent !== active.value) typing = { id: active.id, value: active.value };
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!typing) return;
    const kept = typing;
    typing = null;
    const input = document.getElementById(kept.id);
    if (!input || input.value === kept.value) return;
    input.value = kept.value;
    input.addEventListener("blur", function () {
      if (input.value !== input.defaultValue) input.dispatchEvent(new Event("change", { bubbles: true }));
    }, { once: true });
  });
})();
