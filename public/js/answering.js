// Progressive enhancement of the public answering form. Without this file everything still works:
// the server decides which questions are asked. With it, a follow-up question (4b when 4a is "ja")
// opens as soon as the answer changes, and the error summary takes focus.
(function () {
  "use strict";

  function currentValues(form, name) {
    var values = [];
    var inputs = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if ((el.type === "radio" || el.type === "checkbox") ? el.checked : el.value !== "") values.push(el.value);
    }
    return values;
  }

  function update(form) {
    var conditional = form.querySelectorAll("[data-show-when]");
    for (var i = 0; i < conditional.length; i++) {
      var box = conditional[i];
      var wanted = (box.getAttribute("data-show-values") || "").split(" ");
      var given = currentValues(form, box.getAttribute("data-show-when"));
      var controller = form.querySelector("#question-" + box.getAttribute("data-show-when"));
      var show = !(controller && controller.hidden) && given.some(function (v) { return wanted.indexOf(v) !== -1; });
      box.hidden = !show;
      var controls = box.querySelectorAll("fieldset, textarea, input");
      for (var j = 0; j < controls.length; j++) controls[j].disabled = !show;
    }
    // Tell the server which questions the respondent saw, so it does not show the page again for them.
    var visible = form.querySelector('input[name="visible"]');
    if (visible) {
      var ids = [];
      var all = form.querySelectorAll(".question");
      for (var k = 0; k < all.length; k++) if (!all[k].hidden) ids.push(all[k].id.replace(/^question-/, ""));
      visible.value = ids.join(",");
    }
  }

  function init() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    var forms = document.querySelectorAll("form.answer-form");
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        form.addEventListener("change", function () { update(form); });
        update(form);
      })(forms[i]);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
