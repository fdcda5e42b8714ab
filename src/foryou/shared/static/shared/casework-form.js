/* A program's application form: show a conditional field only when the field it depends on has its value,
   and add rows to a repeated group (children …) from its <template>. Without script every field and row
   shown by the server still works: the server checks everything again. */
(function () {
  "use strict";
  function valueOf(form, name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    if (checked) { return checked.value; }
    var input = form.querySelector('input[type=text][name="' + name + '"]');
    return input ? input.value : "";
  }
  function refresh(form) {
    form.querySelectorAll("[data-depends-on]").forEach(function (el) {
      el.hidden = valueOf(form, el.dataset.dependsOn) !== el.dataset.dependsValue;
    });
  }
  document.querySelectorAll("form[data-casework-form]").forEach(function (form) {
    form.addEventListener("change", function () { refresh(form); });
    refresh(form);
    form.querySelectorAll("[data-group]").forEach(function (group) {
      var button = group.querySelector("[data-add-row]");
      var template = group.querySelector("template[data-row-template]");
      var counter = group.querySelector("input[data-rows]");
      var max = parseInt(group.dataset.max, 10);
      function update() { button.hidden = group.querySelectorAll("fieldset[data-row]").length >= max; }
      button.addEventListener("click", function () {
        var index = group.querySelectorAll("fieldset[data-row]").length;
        var html = template.innerHTML.split("__row__").join(String(index));
        button.insertAdjacentHTML("beforebegin", html);
        var rows = group.querySelectorAll("fieldset[data-row]");
        var added = rows[rows.length - 1];
        added.querySelector("[data-row-number]").textContent = String(index + 1);
        counter.value = String(index + 1);
        refresh(form);
        update();
        var first = added.querySelector("input");
        if (first) { first.focus(); }
      });
      update();
    });
  });
})();
